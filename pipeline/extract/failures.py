"""The failures a regulator names, as a documented taxonomy, and the spaCy patterns that find them.

`TAXONOMY` (code -> (label, description)) is the single list of failure codes: the store stage
fills its `failure_types` table from it, and docs/EXTRACTION.md documents it. Each code has one
small `pattern_<code>()` function returning spaCy `Matcher` token patterns; `build_matcher()`
registers them all. Most failures are absences ("did not have multi-factor authentication",
"lacking MFA"), so most patterns are a negation cue followed, within a few tokens, by the thing
that was missing: that keeps advice ("organisations should use MFA") from counting as a finding.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

TAXONOMY: dict[str, tuple[str, str]] = {
    "no_mfa": ("No multi-factor authentication",
               "Accounts or remote access were not protected by multi-factor (two-factor) authentication."),
    "unpatched_systems": ("Unpatched or out-of-date systems",
                          "Security updates were not applied, or software was out of date or unsupported."),
    "no_vulnerability_scanning": ("No vulnerability scanning",
                                  "No regular vulnerability scanning or penetration testing."),
    "weak_passwords": ("Weak passwords",
                       "Weak, default, shared or reused passwords, or no password policy; credential stuffing."),
    "inadequate_logging_monitoring": ("Inadequate logging and monitoring",
                                      "Activity was not logged or monitored, so an attack or misuse went unnoticed."),
    "no_encryption": ("No encryption", "Personal data was stored or sent unencrypted."),
    "misdirected_disclosure": ("Misdirected or accidental disclosure",
                               "Personal data sent to the wrong recipient, exposed in CC, or published in error."),
    "unlawful_marketing_calls": ("Unlawful marketing calls",
                                 "Unsolicited direct-marketing calls, including to numbers registered with the TPS."),
    "unlawful_marketing_messages": ("Unlawful marketing messages",
                                    "Unsolicited direct-marketing emails, texts or other electronic messages."),
    "no_consent": ("No valid consent", "Processing or marketing without valid consent."),
    "transparency_failure": ("Transparency failure",
                             "People were not properly told how their data would be used (privacy information)."),
    "excessive_retention": ("Excessive retention", "Personal data kept for longer than necessary."),
    "no_dpia": ("No DPIA", "No (adequate) data protection impact assessment before high-risk processing."),
    "access_control_failure": ("Access-control failure",
                               "Access to personal data was not restricted to those who needed it."),
    "inadequate_security": ("Inadequate security (general)",
                            "No appropriate technical and organisational security measures; used only when "
                            "no more specific security failure is found."),
    "children_data": ("Children's data", "The failure concerned children's personal data."),
    "delayed_breach_report": ("Late breach report",
                              "A personal data breach was not reported to the regulator within 72 hours."),
    "subject_access_failure": ("Subject access failure",
                               "Subject access requests were not answered, or not within the time limit."),
    "no_lawful_basis": ("No lawful basis", "Personal data was processed without a lawful basis."),
    "inadequate_training": ("Inadequate staff training", "Staff were not adequately trained in data protection."),
}

# The specific security failures; `inadequate_security` is kept only when none of them is found.
SPECIFIC_SECURITY: frozenset[str] = frozenset({
    "no_mfa", "unpatched_systems", "no_vulnerability_scanning", "weak_passwords",
    "inadequate_logging_monitoring", "no_encryption", "access_control_failure",
})

Pattern = list[dict[str, Any]]

_NEG_WORDS = ["no", "not", "without", "lack", "lacking", "lacked", "absence", "failed", "failure",
              "failing", "fail", "never", "insufficient", "inadequate", "n't", "neither", "nor",
              "lacks", "none", "poor", "limited", "ineffective", "absent", "weak", "substandard", "deficient",
              "failures", "failings", "inadequately", "poorly", "n’t", "unable", "insufficiently"]
# A list that a negation governs: "lacked critical security measures, such as mandatory MFA".
_LIST_INTRO = [("such", "as"), ("including",), ("e.g.",), ("like",), ("namely",)]
# A negation's scope ends at a clause boundary: "was not impacted and our monitoring shows".
_SCOPE_ENDS = ["and", "but", "which", "while", "whilst", "although", "whereas", "so", "because",
               "however", "who", "where", "when"]
NEG: dict[str, Any] = {"LOWER": {"IN": _NEG_WORDS}}
_NEG_SET = frozenset(_NEG_WORDS)
_SCOPE_SET = frozenset(_SCOPE_ENDS)


def _gap(n: int) -> dict[str, Any]:
    """Up to `n` tokens of anything, but not across punctuation or a clause boundary."""
    return {"IS_PUNCT": False, "LOWER": {"NOT_IN": _SCOPE_ENDS}, "OP": "{0,%d}" % n}


NEGATED = "_negated_within"   # marker key: the pattern only counts after a negation cue
PRECEDED = "_preceded_by"     # marker key: (words, window) one of which must stand before the match


def _preceded_by(words: list[str], window: int, thing: Pattern) -> Pattern:
    """`thing`, counted only when one of `words` stands at most `window` tokens before it in the
    same clause. The Matcher anchors on the rare `thing`: a pattern that opened with a common word
    ("sent", "data") and a long wildcard gap would cost more than all the others together."""
    return [{PRECEDED: (frozenset(words), window)}, *thing]


def _absent(*things: Pattern, gap: int = 6) -> list[Pattern]:
    """'no/without/did not ... <thing>' for each token sequence `thing`.

    The Matcher pattern is the thing alone (anchoring on a rare word keeps matching fast); the
    marker tells `find_failures` to require a negation cue at most `gap` tokens before it, in the
    same clause.
    """
    return [[{NEGATED: gap}, *thing] for thing in things]


def _words(phrase: str) -> Pattern:
    """A phrase as lower-case token patterns ("security updates" -> two tokens)."""
    return [{"LOWER": w} for w in phrase.split()]


_COPULAS = ["was", "were", "is", "are", "had", "has", "remained", "proved"]
_LACKING = ["insufficient", "inadequate", "lacking", "poor", "deficient", "limited", "ineffective", "absent",
            "substandard", "inconsistent", "not", "never", "weak", "missing"]


def _found_lacking(thing: Pattern, qualified: bool = False) -> list[Pattern]:
    """'<thing> was insufficient / were not ...': the absence told after the thing.

    "its data protection training was insufficient", "access controls were inadequate".
    """
    copula: Pattern = [{"LOWER": {"IN": _COPULAS}},
                       {"LOWER": {"IN": ["been", "also", "wholly", "clearly", "seriously", "found", "to", "be",
                                         "simply", "just"]},
                        "OP": "{0,4}"},
                       {"LOWER": {"IN": _LACKING}}]
    # "access controls on the shared folder were inadequate": a short phrase may qualify the thing.
    phrase: Pattern = [{"LOWER": {"IN": ["on", "for", "in", "of", "at", "across", "around", "within"]}},
                          {"IS_PUNCT": False, "LOWER": {"NOT_IN": _COPULAS + _SCOPE_ENDS}, "OP": "{1,3}"}]
    return [[*thing, *copula], [*thing, *phrase, *copula]] if qualified else [[*thing, *copula]]


def pattern_no_mfa() -> list[Pattern]:
    mfa_hyphen: Pattern = [{"LOWER": {"IN": ["multi", "two", "2"]}}, {"ORTH": "-", "OP": "?"}, {"LOWER": "factor"}]
    mfa_word = [{"LOWER": {"IN": ["mfa", "2fa", "multifactor", "multi-factor", "two-factor"]}}]
    return [*_absent(mfa_hyphen, mfa_word, _words("two step verification")),
            *_found_lacking(mfa_word), *_found_lacking([*mfa_hyphen, {"LOWER": "authentication"}])]


# What press puts before a security hole: "a critical vulnerability", "known security flaws".
_HOLE_QUALIFIERS = ["critical", "known", "serious", "security", "software", "major", "significant", "existing",
                    "identified", "reported", "technical"]


def pattern_unpatched_systems() -> list[Pattern]:
    return [
        [{"LOWER": {"IN": ["unpatched", "outdated", "unsupported", "obsolete"]}}],
        # "software that was no longer supported by its developer"
        [{"LOWER": "no"}, {"LOWER": "longer"}, {"LOWER": {"IN": ["supported", "patched", "maintained", "updated"]}}],
        [{"LOWER": "out"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "of"}, {"ORTH": "-", "OP": "?"},
         {"LOWER": "date"}],
        [{"LOWER": "end"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "of"}, {"ORTH": "-", "OP": "?"},
         {"LOWER": "life"}],
        *_absent([{"LOWER": {"IN": ["patch", "patches", "patching", "patched", "update", "updates",
                                     "updated", "updating"]}}], gap=5),
        *_absent(_words("patching regime"), gap=6),
        # "did not ensure its servers were kept up to date with the latest security updates"
        *_absent(_words("up to date"), _words("up-to-date"), gap=8),
        # A known hole left open: "exploiting known software vulnerabilities", "a fix was available".
        [{"LOWER": {"IN": ["known", "publicised", "published", "disclosed"]}},
         {"LOWER": {"IN": ["software", "security"]}, "OP": "?"},
         {"LOWER": {"IN": ["vulnerability", "vulnerabilities"]}}],
        # Told of the hole and left it open: "had been notified of the vulnerability by an alert",
        # "had been warned about a critical vulnerability in its systems".
        [{"LOWER": {"IN": ["notified", "warned", "alerted", "told", "informed"]}}, {"LOWER": {"IN": ["of", "about"]}},
         {"LOWER": {"IN": ["the", "a", "this", "that"]}, "OP": "?"},
         {"LOWER": {"IN": _HOLE_QUALIFIERS}, "OP": "{0,2}"},
         {"LOWER": {"IN": ["vulnerability", "vulnerabilities", "flaw", "weakness"]}}],
        # "failed to fix the vulnerability in a timely manner", "did not address known weaknesses"
        *_absent([{"LOWER": {"IN": ["fix", "fixed", "fixing", "remedy", "remedied", "remediate", "remediated",
                                     "address", "addressed", "close", "closed"]}},
                  {"LOWER": {"IN": ["the", "a", "this", "that", "its", "these", "those", *_HOLE_QUALIFIERS]},
                   "OP": "{0,3}"},
                  {"LOWER": {"IN": ["vulnerability", "vulnerabilities", "flaw", "flaws", "weakness", "weaknesses"]}}], gap=3),
        *_found_lacking([{"LOWER": {"IN": ["patching", "patches", "updates"]}}]),
        # What would have prevented it: "if it had used more up-to-date software", "had its software
        # been up-to-date"
        [{"LOWER": "more"}, {"IS_QUOTE": True, "OP": "?"}, {"LOWER": "up"}, {"ORTH": "-", "OP": "?"},
         {"LOWER": "to"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "date"}],
        [{"LOWER": "had"}, _gap(3), {"LOWER": "been"}, {"IS_QUOTE": True, "OP": "?"}, {"LOWER": "up"},
         {"ORTH": "-", "OP": "?"}, {"LOWER": "to"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "date"}],
        # The hole a first attack used, used again: "a second attack exploited the same vulnerability".
        [{"LOWER": {"IN": ["exploited", "exploiting", "exploit", "exploits"]}}, {"LOWER": "the"}, {"LOWER": "same"},
         {"LOWER": {"IN": ["vulnerability", "vulnerabilities", "flaw", "weakness"]}}],
        [{"LOWER": {"IN": ["fix", "patch", "update"]}}, {"LOWER": {"IN": ["was", "had", "were"]}},
         {"LOWER": "been", "OP": "?"}, {"LOWER": {"IN": ["available", "released", "issued"]}}],
    ]


def pattern_no_vulnerability_scanning() -> list[Pattern]:
    return _absent(
        [{"LOWER": {"IN": ["vulnerability", "vulnerabilities"]}},
         {"LOWER": {"IN": ["scanning", "scans", "scan", "assessments", "assessment", "testing",
                           "management"]}}],
        _words("penetration testing"), _words("penetration tests"),
        [{"LOWER": {"IN": ["scan", "scanning", "test", "testing", "check", "checking"]}},
         {"LOWER": "for"}, {"LOWER": "vulnerabilities"}],
        # "failed to adequately scan its systems for vulnerabilities", "... for possible threats"
        [{"LOWER": {"IN": ["scan", "scanned", "scanning", "test", "tested", "testing"]}}, _gap(4),
         {"LOWER": "for"}, {"LOWER": {"IN": ["possible", "potential", "known", "security"]}, "OP": "?"},
         {"LOWER": {"IN": ["vulnerabilities", "vulnerability", "threats", "weaknesses", "flaws"]}}],
        # "failed to carry out appropriate security testing", "no regular security scans"
        [{"LOWER": "security"}, {"LOWER": {"IN": ["testing", "tests", "scanning", "scans"]}}],
        # "was unable to provide evidence of regular penetration testing"
        gap=6,
    )


def pattern_weak_passwords() -> list[Pattern]:
    return [
        [{"LOWER": {"IN": ["weak", "default", "shared", "reused", "simple", "common", "insecure", "guessable"]}},
         {"LOWER": {"IN": ["password", "passwords", "credentials"]}}],
        # "secured only with an easy-to-guess password", "easily guessed passwords"
        [{"LOWER": "easy"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "to"}, {"ORTH": "-", "OP": "?"},
         {"LOWER": {"IN": ["guess", "crack"]}}, {"LOWER": {"IN": ["password", "passwords"]}}],
        [{"LOWER": "easily"}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["guessed", "guessable", "cracked"]}},
         {"LOWER": {"IN": ["password", "passwords"]}}],
        # "an inadequate account lockout policy"
        *_absent([{"LOWER": {"IN": ["lockout", "lock-out"]}}, {"LOWER": {"IN": ["policy", "policies", "threshold",
                                                                              "controls"]}}], gap=4),
        # "failed to ensure the password for the account ... was sufficiently complex"
        *_absent([{"LOWER": {"IN": ["password", "passwords"]}}, _gap(12), {"LOWER": {"IN": ["was", "were"]}},
                  {"LOWER": {"IN": ["sufficiently", "adequately", "suitably"]}, "OP": "?"},
                  {"LOWER": {"IN": ["complex", "strong", "secure", "robust"]}}], gap=4),
        [{"LOWER": "credential"}, {"LOWER": "stuffing"}],
        [{"LOWER": "password"}, {"LOWER": "reuse"}],
        *_absent([{"LOWER": "password"}, {"LOWER": {"IN": ["policy", "policies", "management", "protocols",
                                                            "rules", "requirements"]}}],
                 [{"LOWER": "password"}, {"LOWER": "complexity"}], gap=8),
        # "passwords were not secure"
        *_found_lacking([{"LOWER": {"IN": ["passwords", "password"]}}]),
        *_found_lacking([{"LOWER": "password"}, {"LOWER": {"IN": ["management", "complexity", "security"]}, "OP": "?"},
                         {"LOWER": {"IN": ["policy", "policies", "rules", "protocols", "requirements", "controls"]}}]),
        # "did not require strong, unique passwords"
        *_absent([{"LOWER": {"IN": ["strong", "unique", "complex", "secure"]}}, {"IS_PUNCT": True, "OP": "?"},
                  {"LOWER": {"IN": ["unique", "strong", "complex"]}, "OP": "?"},
                  {"LOWER": {"IN": ["password", "passwords"]}}], gap=6),
    ]


def pattern_inadequate_logging_monitoring() -> list[Pattern]:
    return [
        *_absent([{"LOWER": {"IN": ["logging", "monitoring", "logs", "alerting", "audit"]}}],
                 _words("monitor"), _words("detect"), gap=5),
        *_found_lacking([{"LOWER": {"IN": ["logging", "monitoring", "alerting"]}}]),
        # Signs of the attack nobody acted on: "ignored clear warning signs", "missed the alerts",
        # "the intrusion went undetected for months".
        [{"LOWER": {"IN": ["ignored", "ignoring", "missed", "overlooked", "disregarded"]}},
         {"LOWER": {"IN": ["clear", "early", "repeated", "several", "multiple", "the", "obvious", "security"]}, "OP": "{0,2}"},
         {"LOWER": {"IN": ["warning", "warnings", "alerts", "alert", "signs", "red"]}}],
        # "two early warnings that it was unaware of"
        [{"LOWER": {"IN": ["warnings", "warning", "alerts", "alert", "signs"]}},
         {"LOWER": {"IN": ["that", "which"]}, "OP": "?"},
         {"LOWER": {"IN": ["it", "they", "the", "company", "firm", "staff", "was", "were", "had", "been", "went"]},
          "OP": "{0,3}"},
         {"LOWER": {"IN": ["unaware", "unnoticed", "missed", "ignored", "overlooked", "unheeded"]}}],
        _preceded_by(["attack", "attacks", "breach", "breaches", "intrusion", "attackers", "hackers", "hack",
                      "compromise", "malware", "ransomware", "activity", "it", "they"], 2,
                     [{"LOWER": {"IN": ["went", "gone", "go", "remained", "remain"]}},
                      {"LOWER": {"IN": ["unnoticed", "undetected"]}}]),
    ]


def pattern_no_encryption() -> list[Pattern]:
    return [
        [{"LOWER": {"IN": ["unencrypted", "non-encrypted"]}}],
        [{"LOWER": {"IN": ["not", "never"]}}, {"LOWER": "encrypted"}],
        # "the stolen data was password protected but had not been encrypted"
        *_absent([{"LOWER": "encrypted"}], gap=2),
        *_absent([{"LOWER": {"IN": ["encryption", "encrypt", "encrypting"]}}], gap=4),
        *_found_lacking([{"LOWER": "encryption"}]),
        # "passwords were stored in plain text"
        [{"LOWER": {"IN": ["in", "as"]}}, {"LOWER": {"IN": ["plain", "clear"]}}, {"ORTH": "-", "OP": "?"},
         {"LOWER": "text"}],
        [{"LOWER": {"IN": ["in", "as"]}}, {"LOWER": {"IN": ["plaintext", "cleartext"]}}],
    ]


# What a wrong recipient is: "the wrong recipient", "an incorrect fax number", "the wrong postal address".
_RECIPIENT_NOUNS = ["recipient", "recipients", "address", "addresses", "person", "people", "email", "individual",
                    "family", "number", "numbers", "patient", "patients", "customer", "customers", "client",
                    "clients", "household", "house", "party", "parties", "contact", "contacts",
                    "department", "organisation", "company", "member"]
_SEND_VERBS = ["sent", "emailed", "posted", "disclosed", "published", "shared", "uploaded", "released", "faxed",
               "mailed", "given", "handed", "passed", "forwarded", "attached", "included", "copied", "delivered",
               "shown", "texted", "added"]
# Personal details as press names them, for "releasing witness details to ...".
_DETAIL_NOUNS = ["details", "information", "data", "address", "addresses", "name", "names", "records", "record",
                 "documents", "document", "identity", "identities", "report", "reports", "file", "files"]


def pattern_misdirected_disclosure() -> list[Pattern]:
    return [
        # "faxed to a member of the public in error" (anchored on the rarer "in error")
        _preceded_by(_SEND_VERBS, 6, [{"LOWER": "in"}, {"LOWER": "error"}]),
        # "to the wrong recipient", "an incorrect fax number", "in the wrong hands"
        [{"LOWER": "old"}, {"LOWER": {"IN": ["address", "addresses", "email", "recipient", "number"]}}],
        [{"LOWER": {"IN": ["wrong", "incorrect", "unintended"]}},
         {"IS_PUNCT": False, "LOWER": {"NOT_IN": _RECIPIENT_NOUNS}, "OP": "{0,2}"},
         {"LOWER": {"IN": _RECIPIENT_NOUNS}}],
        [{"LOWER": {"IN": ["inadvertently", "mistakenly", "erroneously", "accidentally",
                           "inappropriately", "wrongly"]}},
         {"LOWER": {"IN": ["disclosed", "disclosing", "published", "publishing", "shared", "sharing", "sent",
                           "sending", "revealed", "revealing", "emailed", "released", "releasing",
                           "exposed", "exposing", "provided", "uploaded", "leaked", "faxed", "posted",
                           "identified", "identifying", "included", "including", "attached", "copied", "added"]}}],
        # "the inappropriate disclosure of personal information to an unauthorised individual"
        # (not what a policy is "to prevent": see `_misread`)
        [{"LOWER": {"IN": ["inappropriate", "accidental", "inadvertent", "erroneous", "mistaken", "incorrect",
                           "wrongful"]}},
         {"LOWER": {"IN": ["disclosure", "disclosures", "release", "publication", "sharing"]}}],
        # Details given to the person the data subject fled: "disclosed the new address of a data
        # subject to an ex-partner", "revealed details about a woman to her estranged husband"
        # (anchored on the rare recipient; the giving verb is looked for before it, same clause).
        _preceded_by(["disclosed", "disclosing", "revealed", "revealing", "released", "passed", "gave", "given",
                      "sent", "shared", "provided"], 14,
                     [{"LOWER": "to"}, {"LOWER": {"IN": ["a", "an", "her", "his", "their", "the"]}},
                      {"LOWER": {"IN": ["estranged", "ex", "abusive", "violent", "alleged"]}}]),
        # A spreadsheet published with its hidden parts: "hidden data", "35 hidden workbooks".
        [{"LOWER": "hidden"}, {"LOWER": {"IN": ["data", "workbooks", "worksheets", "worksheet", "tabs", "tab",
                                                "columns", "rows", "sheets", "cells", "fields", "personal"]}}],
        # "misdirected emails", "the letters were misdirected"
        [{"LOWER": {"IN": ["misdirected", "misaddressed", "misdelivered", "misdirecting"]}}],
        # "sent the assessment of one child to the child's sibling instead of their mother"
        # (anchored on the rare "instead of"; the verb is looked for before it, same clause)
        _preceded_by(_SEND_VERBS, 15, [{"LOWER": "instead"}, {"LOWER": "of"}]),
        # "releasing witness details to suspected criminals", "a patient's details were disclosed to"
        [{"LOWER": {"IN": ["disclosed", "disclosing", "released", "releasing", "revealed", "revealing",
                           "leaked", "leaking"]}}, _gap(4), {"LOWER": {"IN": _DETAIL_NOUNS}},
         {"LOWER": "to"}, {"LOWER": {"NOT_IN": ["the", "third"]}}],
        _preceded_by(_DETAIL_NOUNS, 3,
                     [{"LOWER": {"IN": ["disclosed", "released", "revealed", "leaked", "passed"]}}, {"LOWER": "to"},
                      {"LOWER": {"IN": ["a", "an", "his", "her", "their", "members", "suspected", "someone",
                                        "another", "other"]}}]),
        # "the data ended up in the hands of suspected criminals"
        [{"LOWER": {"IN": ["ended", "fell", "found"]}}, {"LOWER": {"IN": ["up", "its"]},
                                                                                      "OP": "?"},
         {"LOWER": {"IN": ["in", "into"]}}, {"LOWER": "the"}, {"LOWER": "hands"}, {"LOWER": "of"},
         # (in an attacker's hands the data was stolen, not sent astray)
         {"LOWER": "the", "OP": "?"},
         {"LOWER": {"NOT_IN": ["the", "attackers", "attacker", "hackers", "hacker", "cybercriminals", "cyber",
                               "criminals", "fraudsters", "scammers", "ransomware"]}}],
        # A document nobody redacted: "without properly redacting", "failed to redact", "unredacted".
        [{"LOWER": {"IN": ["unredacted", "un-redacted"]}}],
        *_absent([{"LOWER": {"IN": ["redact", "redacted", "redacting", "redaction", "redactions"]}}], gap=4),
        # "without using bcc", "blind copy"; but "BCC's approach" is an organisation's initials.
        [{"LOWER": "bcc"}, {"ORTH": {"NOT_IN": ["'s", "’s", "'", "’"]}}],
        [{"LOWER": "blind"}, {"LOWER": {"IN": ["copy", "carbon", "copied", "copying"]}}],
        [{"LOWER": {"IN": ["cc", "cc'd", "ccd"]}}],
        # A group email with every address in the "To" field, visible to all recipients.
        [{"LOWER": "the"}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": "to"}, {"IS_PUNCT": True, "OP": "?"},
         {"LOWER": "field"}],
        [{"LOWER": "visible"}, {"LOWER": "to"}, {"LOWER": {"IN": ["all", "other", "every"]}},
         {"LOWER": {"IN": ["recipients", "recipient"]}}],
        [{"LOWER": "visible"}, {"LOWER": "to"}, {"LOWER": {"IN": ["everyone", "everybody", "anyone"]}}],
    ]


_BOTH_MEDIA_ADJ = ["unsolicited", "nuisance", "spam", "marketing", "unwanted"]
# The describing words a firm's name may open with ("Nuisance Call Blocker Ltd").
_NAME_OPENERS = frozenset({"unsolicited", "nuisance", "spam", "marketing", "unwanted", "predatory", "automated",
                           "cold"})


def pattern_unlawful_marketing_calls() -> list[Pattern]:
    return [
        [{"LOWER": {"IN": ["unsolicited", "nuisance", "predatory", "marketing", "automated", "spam", "cold"]}},
         {"LOWER": {"IN": ["direct", "marketing", "telephone", "telemarketing", "sales"]}, "OP": "*"},
         {"LOWER": {"IN": ["calls", "call"]}}],
        _words("telephone preference service"),
        [{"LOWER": "tps"}],
        # One adjective for both media: "unsolicited texts and calls".
        [{"LOWER": {"IN": _BOTH_MEDIA_ADJ}}, {"LOWER": {"IN": ["texts", "emails", "messages"]}},
         {"LOWER": {"IN": ["and", "or"]}}, {"LOWER": {"IN": ["phone", "telephone"]}, "OP": "?"}, {"LOWER": "calls"}],
    ]


def pattern_unlawful_marketing_messages() -> list[Pattern]:
    return [
        [{"LOWER": {"IN": ["unsolicited", "marketing"]}},
         {"LOWER": {"IN": ["direct", "marketing", "electronic", "text"]}, "OP": "*"},
         {"LOWER": {"IN": ["emails", "email", "e", "texts", "messages", "sms", "communications", "mail"]}}],
        # "spam texts": but "spam emails sent from the compromised server" are an attacker's, so
        # spam e-mail alone is not the organisation's marketing.
        [{"LOWER": {"IN": ["spam", "nuisance"]}}, {"LOWER": {"IN": ["marketing", "text"]}, "OP": "*"},
         {"LOWER": {"IN": ["texts", "messages", "sms"]}}],
        [{"LOWER": "nuisance"}, {"LOWER": {"IN": ["emails", "e-mails"]}}],
        # One adjective for both media: "unsolicited calls and texts".
        [{"LOWER": {"IN": _BOTH_MEDIA_ADJ}}, {"LOWER": "calls"}, {"LOWER": {"IN": ["and", "or"]}},
         {"LOWER": "text", "OP": "?"}, {"LOWER": {"IN": ["texts", "emails", "messages", "sms"]}}],
        # Volume told the other way round: "451,515 price freeze emails sent to customers" (the
        # figure before is looked for in `_misread`: numbers are too common to anchor on)
        [{"LOWER": {"IN": ["emails", "texts", "sms"]}}, {"IS_PUNCT": True, "OP": "?"},
         {"LOWER": {"IN": ["were", "was", "had", "been"]}, "OP": "{0,2}"}, {"LOWER": "sent"}],
        # "instigated the sending of 3 million texts" (the PECR wording for a firm that had others send)
        [{"LOWER": {"IN": ["instigated", "instigating", "instigate", "instigation"]}}, {"LOWER": "the", "OP": "?"},
         {"LOWER": {"IN": ["sending", "transmission"]}}, {"LOWER": "of"}, {"IS_PUNCT": False, "OP": "{0,4}"},
         {"LOWER": {"IN": ["texts", "emails", "messages", "sms"]}}],
        # Volume sending: "sent 7,863,547 texts", "sending 129,902 spam text messages".
        [{"LOWER": {"IN": ["sent", "sending", "send", "sends"]}},
         {"LOWER": {"IN": ["nearly", "almost", "over", "around", "about", "more", "than", "some", "approximately",
                           "up", "to", "at", "least", "roughly"]}, "OP": "{0,2}"},
         {"LIKE_NUM": True}, {"LOWER": "million", "OP": "?"},
         {"LOWER": {"IN": ["spam", "marketing", "unsolicited", "text", "nuisance"]}, "OP": "*"},
         {"LOWER": {"IN": ["texts", "emails", "messages", "sms"]}}],
    ]


_CONSENT = ["consent", "consents"]


def pattern_no_consent() -> list[Pattern]:
    return [
        *_absent([{"LOWER": {"IN": ["valid", "adequate", "appropriate", "proper", "specific",
                                     "sufficient", "explicit"]}, "OP": "?"}, {"LOWER": {"IN": _CONSENT}}],
                 gap=4),
        [{"LOWER": {"IN": ["invalid", "unlawful", "deemed"]}}, {"LOWER": {"IN": _CONSENT}}],
        # "consent was not obtained", "general consent for marketing calls is not enough"
        *_found_lacking([{"LOWER": {"IN": _CONSENT}}], qualified=True),
        # "could not provide evidence that it had consent", "no record of consent", "was unable to
        # provide evidence that recipients had consented"
        *_absent([{"LOWER": {"IN": ["evidence", "proof", "record", "records", "evidencing"]}}, _gap(4),
                  {"LOWER": {"IN": [*_CONSENT, "consented", "permission", "permissions"]}}], gap=4),
        # "texts sent without people's permission" (not "without the permission of the court": see
        # `_authority_permission`)
        # ("file and directory permissions" are access settings: the plural does not count)
        *_absent([{"LOWER": "permission"}], gap=3),
        # "could not show that the people it contacted had agreed to hear from it"
        *_absent([{"LOWER": {"IN": ["agreed", "consented", "opted"]}}, {"LOWER": {"IN": ["to", "in"]}}], gap=9),
        # "customers were not given a simple way to opt out"
        *_absent([{"LOWER": {"IN": ["opt", "unsubscribe"]}}, {"ORTH": "-", "OP": "?"}, {"LOWER": "out", "OP": "?"}],
                 gap=5),
        # "the individuals had not consented"
        *_absent([{"LOWER": "consented"}], gap=2),
        # Marketing sent to people who had said no: "emails to customers who had already opted out".
        _preceded_by(["had", "having", "already", "previously"], 2,
                     [{"LOWER": "opted"}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["out", "against"]}}]),
        _preceded_by(["had", "having", "already", "previously"], 2, [{"LOWER": "unsubscribed"}]),
    ]


_ADEQUATE = ["sufficient", "adequate", "proper", "clear", "enough", "meaningful"]
_GIVING = frozenset({"provide", "provided", "providing", "give", "given", "giving", "offer", "offered", "receive",
                     "received", "supply", "supplied"})
# The people a controller should have told: "explain to customers", "clear with people".
_PEOPLE = ["people", "customers", "users", "individuals", "patients", "donors", "members", "them", "supporters",
           "subscribers", "parents", "employees", "staff", "consumers", "clients", "residents", "pupils",
           "applicants", "claimants", "mothers", "visitors", "callers", "tenants", "workers", "passengers"]


def pattern_transparency_failure() -> list[Pattern]:
    return [
        *_absent([{"LOWER": {"IN": ["privacy", "fair"]}},
                  {"LOWER": {"IN": ["notice", "information", "policy", "processing"]}}], gap=5),
        # ("selling the data of 20,000 customers ... without informing customers")
        *_absent([{"LOWER": {"IN": ["transparent", "transparency", "informed", "inform", "informing", "told",
                                    "telling"]}}],
                 gap=3),
        _words("invisible processing"),
        # Processing people could not see: "secretly screened millions of donors", "without their
        # knowledge" (not "without the knowledge of the data controller": see `_misread`).
        [{"LOWER": {"IN": ["secretly", "covertly"]}}, {"IS_QUOTE": True, "OP": "?"},
         {"LOWER": {"IN": ["screened", "screening", "profiled", "profiling", "tracked", "tracking", "collected",
                           "collecting", "shared", "sharing", "sold", "selling", "traced", "tracing", "matched",
                           "matching", "harvested", "harvesting"]}}],
        *_absent([{"LOWER": "knowledge"}], gap=3),
        # "failed to explain to 22,000 people that...", "did not tell customers": explaining to
        # the people themselves (a company that "did not explain why" is a journalist's remark).
        *_absent([{"LOWER": {"IN": ["explain", "explained", "tell"]}}, {"LOWER": "to", "OP": "?"},
                  {"IS_PUNCT": False, "OP": "{0,2}"}, {"LOWER": {"IN": _PEOPLE}}], gap=3),
        # "people were not made aware that their data would be used", "without users being aware"
        *_absent([{"LOWER": {"IN": ["made", "being"]}}, {"LOWER": "aware"}], gap=3),
        # "people would not have expected their data to be used in this way"
        *_absent([{"LOWER": {"IN": ["expect", "expected"]}}, _gap(3), {"LOWER": {"IN": ["data", "information", "details"]}}],
                 gap=4),
        # "without being fully clear with people", "was not open with its customers"
        *_absent([{"LOWER": {"IN": ["clear", "open", "upfront", "honest"]}}, {"LOWER": "with"}], gap=3),
        # "failed to provide proper information to its users", "were not given sufficient information"
        # (anchored on the rare "adequate information"; the giving verb is looked for in `_misread`)
        *_absent([{"LOWER": {"IN": _ADEQUATE}}, {"LOWER": "information"}, {"LOWER": {"NOT_IN": ["notice", "notices"]}}],
                 gap=5),
        # "the processing was not lawful, fair or transparent": the principle, named in any order
        *_absent([{"LOWER": {"IN": ["lawful", "fair", "lawfully", "fairly"]}},
                  {"IS_PUNCT": True, "OP": "?"}, {"LOWER": {"IN": ["lawful", "fair", "lawfully", "fairly"]}, "OP": "?"},
                  {"IS_PUNCT": True, "OP": "?"}, {"LOWER": {"IN": ["and", "or", "nor"]}, "OP": "?"},
                  # (an OCR'd page number may stand inside: "not fair, lawful, or 8 transparent")
                  {"LIKE_NUM": True, "OP": "?"}, {"LOWER": {"IN": ["transparent", "transparently"]}}], gap=3),
        # The notice itself as the subject: "the privacy notice did not explain...".
        [{"LOWER": "privacy"}, {"LOWER": {"IN": ["notice", "information", "policy"]}}, _gap(3),
         {"LOWER": {"IN": ["not", "n't", "failed", "omitted", "lacked", "never"]}}],
    ]


def pattern_excessive_retention() -> list[Pattern]:
    return [
        # "keeping the details of callers for five years longer than was necessary"
        [{"LOWER": {"IN": ["retained", "kept", "stored", "held", "retaining", "keeping"]}}, _gap(8),
         {"LOWER": "longer"}, {"LOWER": "than"}, {"LOWER": {"IN": ["was", "is", "were", "it", "they"]}, "OP": "?"},
         {"LOWER": {"IN": ["necessary", "needed", "required"]}}],
        *_absent([{"LOWER": "retention"}, {"LOWER": {"IN": ["policy", "schedule", "period", "periods"]}}],
                 gap=5),
        [{"LOWER": {"IN": ["excessive", "unnecessary", "indefinite"]}}, {"LOWER": "retention"}],
        # "the data was retained indefinitely"
        [{"LOWER": {"IN": ["retained", "kept", "stored", "held", "retaining", "keeping"]}}, _gap(4),
         {"LOWER": "indefinitely"}],
        # "failed to delete the data when it was no longer needed"
        [{"LOWER": "no"}, {"LOWER": "longer"}, {"LOWER": {"IN": ["needed", "necessary", "required"]}}],
    ]


def pattern_no_dpia() -> list[Pattern]:
    return _absent([{"LOWER": {"IN": ["dpia", "dpias"]}}],
                   _words("data protection impact assessment"),
                   # what a DPIA is for: "did not adequately assess the data protection risks"
                   [{"LOWER": {"IN": ["assess", "assessed", "assessing", "identify", "identified", "consider",
                                      "considered", "evaluate", "evaluated"]}},
                    {"LOWER": {"IN": ["the", "any", "all", "its"]}, "OP": "?"},
                    {"LOWER": {"IN": ["data", "privacy"]}}, {"LOWER": "protection", "OP": "?"},
                    {"LOWER": {"IN": ["risks", "risk"]}}], gap=6)


def pattern_access_control_failure() -> list[Pattern]:
    return [
        *_absent([{"LOWER": "access"}, {"LOWER": {"IN": ["controls", "control", "rights", "restrictions",
                                                          "management"]}}], gap=5),
        # "failed to restrict access" (a "decision to restrict access in the UK" is no finding)
        *_absent([{"LOWER": {"IN": ["restrict", "restricted", "limit", "limited"]}}, {"LOWER": "access"}], gap=8),
        *_found_lacking([{"LOWER": "access"}, {"LOWER": {"IN": ["controls", "control", "restrictions", "rights"]}}],
                        qualified=True),
        [{"LOWER": {"IN": ["excessive", "inappropriate", "unrestricted", "unnecessary", "unsupervised", "unfettered",
                           "uncontrolled", "unchecked"]}},
         {"LOWER": "access"}],
        # "failed to prevent unauthorised access to children's data" (not "hackers gained unauthorised access")
        *_absent([{"LOWER": {"IN": ["prevent", "stop"]}}, {"LOWER": {"IN": ["unauthorised", "unauthorized"]}},
                  {"LOWER": "access"}], gap=4),
        # "unjustifiably wide-ranging access"
        [{"LOWER": {"IN": ["wide", "broad", "far"]}}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["ranging", "reaching"]}},
         {"IS_QUOTE": True, "OP": "?"}, {"LOWER": "access"}],
        # Data anyone could reach: "left the information accessible to anyone", "records being publicly
        # accessible", "thereby giving anyone access to the server", "should have restricted access"
        [{"LOWER": "accessible"}, {"LOWER": "to"}, {"LOWER": {"IN": ["anyone", "anybody", "everyone", "all"]}}],
        [{"LOWER": {"IN": ["publicly", "openly", "freely"]}}, {"LOWER": "accessible"}],
        [{"LOWER": {"IN": ["giving", "gave", "gives", "allowing", "allowed", "letting"]}},
         {"LOWER": {"IN": ["anyone", "anybody", "everyone"]}}, {"LOWER": {"IN": ["access", "to"]}}],
        [{"LOWER": "should"}, {"LOWER": "have"}, {"LOWER": {"IN": ["restricted", "limited"]}}, {"LOWER": "access"}],
        # ... with no log-in asked for: "accessing the system did not require a username or password",
        # "accessible without requiring authentication"
        *_absent([{"LOWER": {"IN": ["require", "requiring", "required", "prompting", "needing"]}},
                  {"IS_PUNCT": False, "OP": "{0,3}"},
                  {"LOWER": {"IN": ["username", "password", "authentication", "login", "log-in"]}}], gap=3),
    ]


def pattern_inadequate_security() -> list[Pattern]:
    # ("did not have effective security in place", "without proper data protection safeguards")
    measures: Pattern = [{"LOWER": {"IN": ["appropriate", "adequate", "sufficient", "effective", "proper", "robust"]}},
                {"LOWER": {"IN": ["technical", "organisational", "organizational", "security", "and",
                                  "or"]}, "OP": "*"},
                {"LOWER": {"IN": ["measures", "security", "safeguards"]}}]
    data = {"LOWER": {"IN": ["data", "information", "details", "records", "systems", "network", "networks", "system",
                             "server", "servers", "database", "databases", "premises", "files", "documents",
                             "paperwork"]}}
    return [
        *_absent(measures, gap=6),
        [{"LOWER": {"IN": ["ensured", "ensure"]}}, {"LOWER": "appropriate"}, {"LOWER": "security"}],
        # ("failing to keep its customers' personal data secure")
        # ("did not provide instructions to them with regards to keeping information secure")
        [{"LOWER": {"IN": ["keep", "keeping"]}}, {"LOWER": {"NOT_IN": [*_SCOPE_ENDS, ",", ";", ":", "."]}, "OP": "{0,6}"},
         {"LOWER": "secure"}],
        *_absent([{"LOWER": {"IN": ["protection", "security"]}}, {"LOWER": "safeguards"}], gap=6),
        # "failed to take reasonable steps to secure it"
        *_absent([{"LOWER": {"IN": ["secure", "safeguard"]}}, {"LOWER": "it"}], gap=5),
        # "material inadequacies in the way Bupa safeguarded personal data"
        [{"LOWER": {"IN": ["inadequacies", "deficiencies", "failings", "weaknesses", "shortcomings", "flaws"]}},
         {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "way"}, {"IS_PUNCT": False, "OP": "{0,3}"},
         {"LOWER": {"IN": ["safeguarded", "secured", "protected", "safeguards", "secures", "protects"]}}],
        # "inappropriate organisational and technical measures", "insufficient security measures"
        [{"LOWER": {"IN": ["inappropriate", "inadequate", "insufficient", "ineffective"]}},
         {"LOWER": {"IN": ["technical", "organisational", "organizational", "security", "and", "or"]}, "OP": "+"},
         {"LOWER": "measures"}],
        # the generic finding as press words it: "failing to secure customers' personal data",
        # "a failure to protect the information", "did not protect its systems", "failing to protect
        # the security of its customers' personal data"
        *_absent([{"LOWER": {"IN": ["secure", "protect", "safeguard"]}},
                  {"LOWER": {"NOT_IN": [*_SCOPE_ENDS, ",", ";", ":", "."]}, "OP": "{0,7}"}, data], gap=4),
        # "a lack of security measures", "a serious failure of data security"
        [{"LOWER": {"IN": ["lack", "absence", "failure", "failures", "failings", "lapse", "lapses"]}}, {"LOWER": "of"},
         {"LOWER": {"IN": ["data", "information", "cyber", "basic", "adequate", "appropriate"]}, "OP": "?"},
         {"LOWER": {"IN": ["security", "cybersecurity"]}}],
        # "audits still found problems with the security of personal data"
        [{"LOWER": {"IN": ["problems", "deficiencies", "failings", "shortcomings", "weaknesses", "flaws", "gaps"]}},
         {"LOWER": {"IN": ["with", "in"]}}, {"LOWER": {"IN": ["the", "its", "their"]}, "OP": "?"},
         {"LOWER": {"IN": ["security", "cybersecurity"]}}],
        # "security failings", "poor security", "lax security measures"
        [{"LOWER": "security"}, {"LOWER": {"IN": ["failings", "failures", "failure", "lapses", "lapse", "flaws",
                                                  "shortcomings", "weaknesses", "breaches"]}}],
        [{"LOWER": {"IN": ["poor", "lax", "inadequate", "insufficient", "weak", "basic"]}},
         {"LOWER": {"IN": ["security", "cybersecurity", "cyber"]}}],
        # "the data was not stored securely", "failed to dispose of the records securely"
        # ("failing to store special category data securely")
        *_absent([{"LOWER": "securely"}], gap=6),
        # Data not destroyed when it was disposed of: "a sub-contractor who did not wipe the drives",
        # "the records were never shredded"
        *_absent([{"LOWER": {"IN": ["wipe", "wiped", "erase", "erased", "shred", "shredded", "destroy", "destroyed"]}}],
                 gap=6),
        # Paper records left where anyone could find them: "files were left in a public car park",
        # "documents left at a London venue". Nobody sent them anywhere: the records were not kept
        # secure (the taxonomy's misdirected disclosure is data sent or published to the wrong people).
        _preceded_by(["documents", "papers", "paperwork", "files", "records", "letters", "folders", "bags"], 3,
                     [{"LOWER": {"IN": ["left", "abandoned", "dumped", "discarded", "lost"]}},
                      {"LOWER": {"IN": ["in", "on", "at", "outside", "behind", "unattended"]}}]),
        # "discovered the unsecured medical records", "it was left unsecured" (not "unsecured loans")
        [{"LOWER": {"IN": ["unsecured", "unprotected"]}}, {"IS_PUNCT": False, "OP": "{0,2}"}, data],
        _preceded_by(["left", "was", "were", "remained", "lay"], 1, [{"LOWER": {"IN": ["unsecured", "unprotected"]}}]),
        # "the security measures in place were simply not good enough"
        *_found_lacking([{"LOWER": "security"}, {"LOWER": {"IN": ["measures", "arrangements", "controls"]}}],
                        qualified=True),
        # Data carried off: "the laptop was stolen", "lost paper records", "the loss of three DVDs". A
        # penalised loss or theft is a security failure the regulator found; a more specific one
        # (no encryption) takes its place.
        [{"LOWER": {"IN": _CARRIERS}}, {"LOWER": {"IN": ["was", "were", "had", "has", "have", "been", "later",
                                                          "subsequently", "then"]}, "OP": "{0,3}"},
         {"LOWER": {"IN": ["lost", "stolen", "mislaid", "misplaced"]}}],
        _preceded_by(["lost", "loss", "theft", "stole", "stolen", "losing", "lose", "mislaid", "misplaced"], 5,
                     [{"LOWER": {"IN": _CARRIERS}}]),
        [{"LOWER": "data"}, {"LOWER": "loss"}],
    ]


# What personal data is carried on, and so can be lost or stolen.
_CARRIERS = ["laptop", "laptops", "records", "files", "documents", "papers", "paperwork", "dvds", "discs", "disks",
             "stick", "sticks", "usb", "device", "devices", "drive", "drives", "computer", "computers", "notebook",
             "tapes", "briefcase", "bag", "phone", "folder", "folders", "diary", "envelope", "envelopes"]


def pattern_children_data() -> list[Pattern]:
    return [
        [{"LOWER": {"IN": ["children", "child", "pupils", "minors"]}}, {"ORTH": {"IN": ["'s", "’s", "'"]}, "OP": "?"},
         {"LOWER": {"IN": ["data", "personal", "information", "records", "details", "names", "files",
                           "addresses", "sensitive"]}}],
        [{"LOWER": "personal"}, {"LOWER": {"IN": ["data", "information"]}}, {"LOWER": "of"},
         {"LOWER": {"IN": ["children", "pupils", "minors"]}}],
        # "sensitive data about four vulnerable children", "details relating to a child"
        _preceded_by(["data", "information", "details", "records", "files", "file", "record"], 6,
                     [{"LOWER": {"IN": ["children", "child", "pupils", "minors", "schoolchildren"]}}]),
        [{"LOWER": "age"}, {"LOWER": "appropriate"}, {"LOWER": "design"}],
    ]


def pattern_delayed_breach_report() -> list[Pattern]:
    return [
        *_absent(_words("within 72 hours"), gap=10),
        # "failed to notify the ICO of the breach without undue delay"
        *_absent(_words("without undue delay"), gap=8),
        [{"LOWER": {"IN": ["late", "delayed"]}},
         {"LOWER": {"IN": ["report", "reporting", "notification"]}}],
        [{"LOWER": "delay"}, {"LOWER": "in"}, {"LOWER": {"IN": ["reporting", "notifying"]}}],
        # "the breach was not reported to the ICO until three months later"
        *_absent([{"LOWER": {"IN": ["reported", "notified", "report", "notify"]}}, _gap(6), {"LOWER": "until"}], gap=3),
        # "it took ten weeks to report the breach", "waited a month before notifying the regulator"
        [{"LOWER": {"IN": ["took", "waited"]}}, _gap(5), {"LOWER": {"IN": ["to", "before"]}},
         {"LOWER": {"IN": ["report", "reporting", "notify", "notifying"]}}, {"LOWER": {"IN": ["the", "it", "this"]}},
         {"LOWER": {"IN": ["breach", "incident", "ico", "regulator", "commissioner", "loss", "attack"]}}],
    ]


def pattern_subject_access_failure() -> list[Pattern]:
    sar: Pattern = [{"LOWER": "subject"}, {"LOWER": "access"}, {"LOWER": {"IN": ["request", "requests"]}}]
    return [
        *_absent(sar, [{"LOWER": {"IN": ["sar", "sars"]}}], gap=8),
        # "serious delays in handling subject access requests (SARs)"
        [{"LOWER": {"IN": ["delay", "delays", "delayed"]}}, {"LOWER": {"IN": ["in", "to"]}},
         {"LOWER": {"IN": ["handling", "dealing", "responding", "answering", "processing", "replying"]}},
         {"LOWER": {"IN": ["with", "to"]}, "OP": "?"}, {"LOWER": {"IN": ["its", "the", "their"]}, "OP": "?"}, *sar],
        [{"LOWER": "backlog"}, _gap(4), *sar],
        # "took more than a year to respond to subject access requests"
        [{"LOWER": {"IN": ["took", "taking", "taken"]}}, _gap(5), {"LOWER": "to"},
         {"LOWER": {"IN": ["respond", "reply", "answer", "deal", "comply", "process"]}}, _gap(4),
         {"LOWER": {"IN": ["subject", "sar", "sars"]}}],
        *_absent(_words("copy of their data"), _words("copy of their personal data"), gap=8),
        # "fail to meet its duty to provide a complete copy of a data held on an individual" (not a thief
        # who "made a copy of the data")
        *_absent([{"LOWER": {"IN": ["provide", "supply", "give", "send"]}}, _gap(3), {"LOWER": "copy"}, {"LOWER": "of"},
                  {"LOWER": {"IN": ["a", "the", "all", "their", "his", "her"]}}, {"LOWER": "personal", "OP": "?"},
                  {"LOWER": {"IN": ["data", "information"]}}], gap=6),
        # "failed to provide the complainant with their personal data"
        *_absent([{"LOWER": {"IN": ["provide", "provided", "providing", "supply", "supplied", "supplying"]}}, _gap(3),
                  {"LOWER": "with"}, {"LOWER": {"IN": ["their", "his", "her"]}}, {"LOWER": "own", "OP": "?"},
                  {"LOWER": "personal", "OP": "?"}, {"LOWER": {"IN": ["data", "information"]}}], gap=4),
        # "unable to meet our legal obligations related to the public's 'Right of Access'"
        *_absent(_words("right of access"), gap=12),
        # "failing to respond to 32% of access requests in time", "failing to respond to data subject
        # requests for access"
        *_absent([{"LOWER": "access"}, {"LOWER": {"IN": ["request", "requests"]}}],
                 [{"LOWER": "data"}, {"LOWER": "subject"}, {"LOWER": {"IN": ["request", "requests"]}}], gap=8),
    ]


def pattern_no_lawful_basis() -> list[Pattern]:
    return [
        *_absent([{"LOWER": {"IN": ["lawful", "legal", "appropriate"]}}, {"LOWER": "lawful", "OP": "?"},
                  {"LOWER": "basis"}], gap=5),
        # "had been unlawfully processing biometric data", "unlawfully captured personal data"
        [{"LOWER": {"IN": ["unlawfully", "illegally"]}},
         {"LOWER": {"IN": ["processing", "processed", "process", "captured", "capturing", "collected", "collecting",
                           "shared", "sharing", "sold", "selling", "traded", "trading"]}}],
        # special category data: "without a valid condition"
        *_absent([{"LOWER": {"IN": ["valid", "lawful", "appropriate", "relevant"]}}, {"LOWER": "condition"}], gap=4),
        # "failed to use children's data lawfully", "the processing had not been lawful"
        *_absent([{"LOWER": "lawfully"}], gap=6),
        *_absent([{"LOWER": "lawful"}], gap=2),
    ]


def pattern_inadequate_training() -> list[Pattern]:
    return [
        # "failed to provide sufficient data protection guidance and training", "failed to provide
        # their employees with sufficient guidance or training", "neither member of staff involved
        # had received data protection training"
        *_absent([{"LOWER": {"IN": ["training", "trained", "train"]}}], gap=9),
        *_found_lacking([{"LOWER": "training"}]),
        # "staff training and awareness in relation to data protection were inadequate"
        [{"LOWER": "training"}, {"LOWER": "and"}, {"LOWER": "awareness"}, _gap(7), {"LOWER": {"IN": _COPULAS}},
         {"LOWER": {"IN": _LACKING}}],
        # "just 2% of the airport's 6,500 staff were properly trained"
        [{"LOWER": {"IN": ["only", "just"]}}, {"LOWER": "a", "OP": "?"},
         {"LOWER": {"IN": ["half", "third", "quarter", "fraction", "minority", "handful"]}},
         {"IS_PUNCT": False, "OP": "{0,10}"}, {"LOWER": {"IN": ["trained", "training"]}}],
        [{"LOWER": {"IN": ["only", "just"]}}, {"LIKE_NUM": True}, {"ORTH": "%", "OP": "?"},
         {"LOWER": {"IN": ["per", "percent"]}, "OP": "?"}, {"LOWER": "cent", "OP": "?"},
         {"IS_PUNCT": False, "OP": "{0,10}"}, {"LOWER": {"IN": ["trained", "training"]}}],
        [{"LOWER": {"IN": ["untrained", "unaware"]}}, {"LOWER": "of", "OP": "?"},
         {"LOWER": {"IN": ["their", "its", "the", "his", "her"]}, "OP": "?"},
         {"LOWER": {"IN": ["data", "legal", "statutory"]}, "OP": "?"}, {"LOWER": "protection", "OP": "?"},
         {"LOWER": {"IN": ["responsibilities", "obligations", "duties", "staff", "employees", "officers"]}}],
        # "an inadequate awareness of data protection law", "a lack of awareness"
        *_absent([{"LOWER": "awareness"}], gap=3),
    ]


def all_patterns() -> dict[str, list[Pattern]]:
    """code -> patterns, from every `pattern_<code>()` function in this module."""
    found = {code: globals()[f"pattern_{code}"]() for code in TAXONOMY}
    return found


def _expand_first(pattern: Pattern) -> list[Pattern]:
    """Rewrite a pattern so its first token is an exact LOWER/ORTH test.

    The Matcher checks every pattern's first token at every token of the text; an exact attribute
    is a C-level hash comparison, while `IN` sets and optional first tokens call back into Python.
    On a 300 KB notice this rewrite makes matching several times faster, with the same matches.
    """
    if not pattern:
        return []
    first, rest = pattern[0], pattern[1:]
    if first.get("OP") == "?":
        without = {k: v for k, v in first.items() if k != "OP"}
        return _expand_first(rest) + _expand_first([without, *rest])
    lower = first.get("LOWER")
    if isinstance(lower, dict) and set(lower) == {"IN"} and "OP" not in first:
        others = {k: v for k, v in first.items() if k != "LOWER"}
        return [[{**others, "LOWER": word}, *rest] for word in lower["IN"]]
    return [pattern]


class FailureMatcher:
    """The failure patterns, grouped by the word each one begins with.

    spaCy's `Matcher` tries every pattern at every token, so with some 550 patterns it took about
    half the extraction time of a long notice. Every pattern here begins with one exact word (see
    `_expand_first`), and a pattern cannot match a sentence that lacks its first word. This class
    keeps one `Matcher` per first word and runs only the ones whose word is in the sentence. It
    gives the same matches as one `Matcher` holding every pattern.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._by_first: dict[tuple[str, int], Matcher] = {}   # ("LOWER" | "ORTH", word's hash) -> Matcher
        self._anywhere = Matcher(vocab)                       # patterns with no exact first word
        self.rules: dict[str, list[Pattern]] = {}             # as added, for tests and debugging

    def add(self, rule: str, patterns: list[Pattern]) -> None:
        self.rules.setdefault(rule, []).extend(patterns)
        for pattern in patterns:
            first = pattern[0]
            attr = next((a for a in ("LOWER", "ORTH") if isinstance(first.get(a), str)), None)
            if attr is None or first.get("OP") is not None:
                self._anywhere.add(rule, [pattern])
                continue
            key = (attr, self.vocab.strings.add(first[attr]))
            if key not in self._by_first:
                self._by_first[key] = Matcher(self.vocab)
            self._by_first[key].add(rule, [pattern])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every pattern that matches `doc`, in text order."""
        lower_and_orth = doc.to_array([LOWER, ORTH]).tolist()     # (hash, hash) per token
        words = {("LOWER", lower) for lower, _ in lower_and_orth} | {("ORTH", orth) for _, orth in lower_and_orth}
        matches = set(self._anywhere(doc)) if len(self._anywhere) else set()
        for key in words & self._by_first.keys():
            matches.update(self._by_first[key](doc))
        return sorted(matches, key=lambda m: (m[1], m[2], m[0]))


def build_matcher(vocab: Vocab) -> FailureMatcher:
    """Every pattern: rule `<code>` for plain ones, `<code>:<gap>` for negated ones, `<code>@<i>`
    for those that need a word before them."""
    matcher = FailureMatcher(vocab)
    for code, patterns in all_patterns().items():
        plain = [e for p in patterns if NEGATED not in p[0] and PRECEDED not in p[0] for e in _expand_first(p)]
        if plain:
            matcher.add(code, plain)
        for i, p in enumerate(patterns):
            if NEGATED in p[0]:
                matcher.add(f"{code}:{p[0][NEGATED]}", _expand_first(p[1:]))
            elif PRECEDED in p[0]:
                _PRECEDED_RULES[f"{code}@{i}"] = p[0][PRECEDED]
                matcher.add(f"{code}@{i}", _expand_first(p[1:]))
    return matcher


# rule name "<code>@<i>" -> (words, window) for the `_preceded_by` patterns
_PRECEDED_RULES: dict[str, tuple[frozenset[str], int]] = {}


def _has_before(doc: Doc, start: int, words: frozenset[str], window: int) -> bool:
    """Whether one of `words` stands at most `window` tokens before `start`, not across punctuation
    other than an apostrophe's "'s"."""
    for i in range(start - 1, max(-1, start - 1 - window), -1):
        token = doc[i]
        if token.lower_ in words:
            return True
        if token.is_punct and token.lower_ not in ("'s", "’s"):
            return False
    return False


def _list_intro_at(doc: Doc, i: int) -> int:
    """How many tokens a list introduction ("such as", "including") takes from token `i`, or 0."""
    for intro in _LIST_INTRO:
        if i + len(intro) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(intro)):
            return len(intro)
    return 0


def negated(doc: Doc, start: int, gap: int) -> bool:
    """Whether a negation cue stands at most `gap` tokens before token `start`, same clause.

    A list the negation governs does not end its scope: in "lacked basic measures, such as MFA and
    strong passwords" both items are absent. The list's own words do not count against `gap`.
    """
    i, budget = start - 1, gap + 1
    while i >= 0 and budget > 0:
        token = doc[i]
        lower = token.lower_
        if lower in _NEG_SET:
            return True
        intro = _list_intro_at(doc, i)
        if intro and i > 0:
            # Step over the introduction (and a comma before it) and keep looking.
            i -= 1
            if doc[i].is_punct:
                i -= 1
            budget = gap + 1     # the list's items are not the negation's distance
            continue
        if _inside_phrase(doc, i) or token.is_quote:
            # "the recipients' consent", "a well-designed policy", a quoted term ("unable to meet its
            # obligations on the public's 'Right of Access'"): not a boundary
            i -= 1
            continue
        if token.is_punct or lower in _SCOPE_SET:
            if lower in ("and", ",", "or") and (_in_list(doc, i) or _coordinated(doc, i, start)):
                i -= 1
                continue
            return False
        i -= 1
        budget -= 1
    return False


def _inside_phrase(doc: Doc, i: int) -> bool:
    """Whether punctuation token `i` sits inside a noun phrase rather than between clauses: a
    possessive apostrophe ("did not have the recipients' consent"), a hyphen inside a word
    ("did not have a well-designed password policy") or a double quote around words a story
    quotes from the regulator."""
    token = doc[i]
    if token.text in ("\"", "“", "”"):
        return True      # a quoted phrase: 'without "sufficiently clear" consent'
    if token.text in ("'", "’"):
        return i > 0 and not doc[i - 1].whitespace_
    if token.text == "-":
        return i > 0 and not doc[i - 1].whitespace_ and not token.whitespace_
    return False


# Things a regulator lists beside the missing one: "guidance and training", "policies, training".
_COORDINABLE = frozenset({"guidance", "policies", "policy", "procedures", "procedure", "checks", "controls",
                          "measures", "processes", "supervision", "support", "instructions", "oversight",
                          "safeguards", "systems", "security", "awareness", "testing", "scanning", "logging",
                          "monitoring", "encryption", "patching", "transparency"})


# What valid consent is, listed: "without sufficiently clear and informed consent", "not freely given,
# specific and informed".
_CONSENT_QUALITIES = frozenset({"clear", "informed", "specific", "valid", "explicit", "unambiguous", "freely",
                                "given", "separate", "prior"})
# Words that may stand between such a list's joint and the thing: "lack of transparency and an
# appropriate lawful basis".
# (whose staff: "security controls and employee training"; a second verb the negation governs: "failed
# to introduce a policy or provide the training")
_LIST_FILLERS = frozenset({"a", "an", "the", "any", "its", "their", "adequate", "appropriate", "proper",
                           "sufficient", "effective", "and", "or", ",", "employee", "staff", "data", "protection",
                           "mandatory", "regular", "provide", "give", *_CONSENT_QUALITIES})


def _coordinated(doc: Doc, i: int, start: int) -> bool:
    """Whether "and"/"or"/"," at `i` joins the thing at `start` to a noun the negation governs.

    "failed to provide sufficient guidance and training", "the lack of encryption, security and
    monitoring": the later items were missing too. Only after a safeguard a regulator names in
    such lists, and with nothing but more such safeguards (or an article) up to the thing ("was
    not affected and monitoring continues" joins two clauses; "not open and transparent"
    describes conduct, not a missing safeguard).
    """
    if i == 0 or (doc[i - 1].lower_ not in _COORDINABLE and doc[i - 1].lower_ not in _CONSENT_QUALITIES):
        return False
    return all(doc[k].lower_ in _COORDINABLE or doc[k].lower_ in _LIST_FILLERS for k in range(i + 1, start))


def _in_list(doc: Doc, i: int) -> bool:
    """Whether token `i` ("and", ",") joins items of a list opened by "such as"/"including" before it."""
    for j in range(i - 1, max(-1, i - 12), -1):
        if _list_intro_at(doc, j):
            return True
        if doc[j].is_punct and doc[j].text not in (",",):
            return False
    return False


# Sentences where a pattern's words mean something else: monitoring who finished training, or
# the "electronic monitoring" of offenders, is not security monitoring.
VETOES: dict[str, re.Pattern[str]] = {
    "inadequate_logging_monitoring": re.compile(r"\btraining\b|electronic monitoring|monitoring condition|"
                                                r"\btag(?:s|ging)?\b", re.I),
}


# "Failures were also identified in relation to password management policies, and the update
# patches": everything after such a heading phrase is a failing, however long the list.
_FAILINGS_LIST_RE = re.compile(
    r"\b(?:failures|failings|deficiencies|shortcomings|weaknesses|inadequacies)\b[^.;:]{0,40}?"
    r"\b(?:in\s+relation\s+to|relating\s+to|regarding|concerning|around|with|in)\b", re.I)


# "The breaches could have been avoided if the council had put adequate training in place",
# "would have been prevented by MFA": what follows is what was missing.
_COUNTERFACTUAL_RE = re.compile(
    r"\b(?:could|would|might)\s+(?:\w+\s+)?(?:have\s+)?(?:been\s+)?(?:avoided|prevented)\s+(?:if|had)\b|"
    # "there should have been proper monitoring systems in place": what should have been, was not
    # ("should have" + a participle; "organisations should have MFA" is advice, not a finding)
    r"\b(?:should|ought\s+to)\s+have\s+(?:been|had|put|used|implemented|introduced|installed|applied|"
    r"taken|carried|ensured|encrypted|trained|provided)\b|"
    # "the data needn't have been compromised at all if the council had appropriate measures in place"
    r"\b(?:need|would|could)\s*(?:n['’]t|not)\s+have\s+[^.;]{0,60}?\bif\b", re.I)


_MEDIA_CODES = frozenset({"unlawful_marketing_calls", "unlawful_marketing_messages"})


def _in_a_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the words matched are part of a company's name: "Nuisance Call Blocker Ltd" names a
    firm (whatever the story is about), "nuisance calls" are calls. Only a match that opens with a
    describing word ("Nuisance", "Spam"): "Telephone Preference Service" is the register itself."""
    if doc[start].lower_ not in _NAME_OPENERS or not all(t.is_title for t in doc[start:end]):
        return False
    after = doc[end] if end < len(doc) else None
    return after is not None and (after.is_title or after.lower_ in ("ltd", "limited", "plc", "llp"))


# Whose permission a "without permission" is about: a court's, an employer's or a data controller's
# permission ("without the permission of the court", "without the employer's permission") is an
# authorisation, not the consent of the people whose data it was.
_AUTHORITIES = frozenset({"court", "courts", "employer", "employers", "controller", "controllers", "company",
                          "council", "trust", "organisation", "organization", "manager", "managers", "owner",
                          "owners", "police", "firm", "department", "commissioner", "ico", "regulator",
                          "authority", "board", "school", "hospital", "bank"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_KNOWERS = frozenset({"their", "his", "her", *_PEOPLE, "people", "customers", "users", "individuals", "donors",
                      "patients", "subjects", "children", "parents", "consumers", "supporters", "employees"})
_INSTITUTIONAL = frozenset({"organisational", "organizational", "management", "managerial", "corporate",
                            "official", "formal", "judicial"})


def _authority_permission(doc: Doc, end: int) -> bool:
    """Whether the "permission" (or "knowledge") ending at token `end` is an authority's (see
    `_AUTHORITIES`)."""
    if doc[end - 1].lower_ not in ("permission", "permissions", "knowledge"):
        return False
    if end < len(doc) and doc[end].lower_ == "of":
        return True
    before = [t.lower_ for t in doc[max(0, end - 4):end - 1] if t.lower_ not in _POSSESSIVE]
    # "the employer's permission", "without organisational knowledge"
    return bool(before) and (before[-1] in _AUTHORITIES or before[-1] in _INSTITUTIONAL)


# Being told of a breach is its notification to the victims, not privacy information:
# "customers were not told about what had happened for a year".
_BREACH_NEWS = frozenset({"breach", "breaches", "attack", "attacks", "incident", "incidents", "hack", "happened",
                          "compromised", "stolen", "cyberattack", "cyber-attack", "leak", "until"})
# Personal details being "updated" or "out of date" are accuracy, not patching: "no system to
# ensure regular updates for patient details", "amend out-of-date personal information".
_RECORD_WORDS = frozenset({"details", "information", "data", "records", "record", "addresses", "address",
                           "preferences", "contact"})


def _clause_before(doc: Doc, start: int, n: int) -> list[Any]:
    """Up to `n` tokens before `start`, stopping at punctuation or a clause boundary."""
    out = []
    for i in range(start - 1, max(-1, start - 1 - n), -1):
        if (doc[i].is_punct and not _inside_phrase(doc, i)) or doc[i].lower_ in _SCOPE_SET:
            break
        out.append(doc[i])
    return out


_PAPER_WORDS = frozenset({"policy", "policies", "procedure", "procedures", "guidance", "document", "documents",
                          "framework", "plan", "plans", "register", "manual", "notice", "notices", "contract",
                          "contracts", "agreement", "agreements", "form", "forms", "protocol", "protocols"})
_THINGS_NOT_DATA = frozenset({"account", "accounts", "server", "servers", "system", "systems", "software", "device",
                              "devices", "equipment", "premises", "office", "offices", "laptop", "laptops"})


_REPORT_WORDS = frozenset({"notify", "notified", "notifying", "notification", "report", "reported", "reporting",
                           "breach"})


# Transparency is owed to the people whose data it is. Staff not told how to do their job ("failed to
# explain to employees that the encryption had to be switched on", "the driver had not been told
# about the sensitivity of the information", "no one told staff") is a training or security
# failing; staff not told how their own data is used ("did not tell employees that their
# fingerprints would be scanned") is still transparency.
_TELLING = frozenset({"told", "informed", "inform", "informing", "telling", "tell", "explain", "explained", "made",
                      "being"})
# (With them "anyone" told how a system works: "without telling anyone how to make the encryption work".)
_STAFF = frozenset({"staff", "employee", "employees", "worker", "workers", "volunteer", "volunteers", "driver",
                    "drivers", "officer", "officers", "contractor", "contractors", "colleague", "colleagues",
                    "co-ordinator", "coordinator", "courier", "anyone"})
_OWN_DATA = frozenset({"their", "monitored", "monitoring", "recorded", "recording", "cctv", "fingerprint",
                       "fingerprints", "biometric", "biometrics", "facial", "tracked", "tracking", "collected",
                       "processed", "processing", "shared", "used"})


def _instructions_to_staff(doc: Doc, start: int, end: int) -> bool:
    """Whether the people not told are staff, told nothing about their own data (see _TELLING)."""
    named_after = [t.lower_ for t in doc[start + 1:end + 3]]
    if any(w in _PEOPLE and w not in _STAFF and w != "them" for w in named_after):
        return False    # "did not tell customers": whoever else the sentence names
    if not any(t.lower_ in _STAFF for t in doc[:end + 3]):
        return False
    return not any(t.lower_ in _OWN_DATA for t in doc[end:end + 10])


_DISPOSAL_WORDS = frozenset({"dispose", "disposed", "disposing", "disposal", "removed", "decommissioned",
                             "decommissioning", "scrapped", "sold", "recycled", "recycling"})


def _not_software(doc: Doc, start: int, end: int) -> bool:
    """Words of patching that speak of something else: "we are not able to keep you up to date" (a
    marketing opt-out), "Your browser is no longer supported" (a page's banner), policies "not
    updated to comply with the GDPR" (the law), "disposing of obsolete computers" (a disposal)."""
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    after = [t.lower_ for t in doc[end:end + 3]]
    if before[-1:] == ["you"] or "browser" in before or after[:2] == ["to", "comply"]:
        return True
    return doc[start].lower_ == "obsolete" and any(t.lower_ in _DISPOSAL_WORDS for t in doc)


def _misread(code: str, doc: Doc, start: int, end: int) -> bool:
    """Whether a match's neighbours show that its words mean something else here (see above)."""
    if code == "unlawful_marketing_messages" and doc[start].lower_ in ("emails", "texts", "sms"):
        return not any(t.like_num for t in _clause_before(doc, start, 5))
    if code == "subject_access_failure" and doc[start].lower_ in ("access", "data") and end < len(doc) \
            and doc[end].lower_ in ("form", "forms", "guidance", "process", "procedure", "procedures"):
        return True     # a document's title: "little or no guidance in ... the Data Access Request Form"
    if code == "no_consent":
        # People who "had opted out of marketing calls" or registered with the TPS: the calls are
        # the failure, consent is not what the rules for calls ask.
        if doc[start].lower_ in ("opted", "unsubscribed", "opt", "unsubscribe"):
            return any(t.lower_ in ("calls", "call", "tps", "telephone", "calling") for t in doc)
        return _authority_permission(doc, end)
    if code == "misdirected_disclosure" and doc[end - 1].lower_ in ("disclosure", "disclosures"):
        # "procedures ... to prevent inappropriate disclosures" is what should stop them
        return any(t.lower_ in ("prevent", "avoid", "against", "reduce", "minimise", "minimize", "risk")
                   for t in doc[max(0, start - 3):start])
    if code == "transparency_failure" and doc[start].lower_ == "informed" and (
            (end < len(doc) and doc[end].lower_ in ("consent", "consents", "choice", "choices"))
            or any(t.lower_ in ("freely", "specific") for t in doc[max(0, start - 5):start])):
        # "without informed consent", "not given clear and informed choices", "not freely given,
        # specific and informed": what consent must be, so the consent's failing
        return True
    if code == "transparency_failure" and doc[start].lower_ in _TELLING and _instructions_to_staff(doc, start, end):
        return True
    if code == "transparency_failure" and doc[start].lower_ in ("told", "informed", "inform", "informing", "telling"):
        # not told of the breach (its clause only: "without informing customers; a breach of the Act")
        after = doc[end:end + 6]
        clause = next((i for i, t in enumerate(after) if t.text in (";", ".", ":")), len(after))
        return any(t.lower_ in _BREACH_NEWS for t in after[:clause])
    if code == "transparency_failure" and doc[start].lower_ in _ADEQUATE and doc[start + 1].lower_ == "information":
        # information given to people ("not given sufficient information"), not "records populated
        # with adequate information"
        return not any(t.lower_ in _GIVING for t in _clause_before(doc, start, 4))
    if code == "transparency_failure" and doc[start].lower_ == "knowledge":
        # the people's own knowledge: "without their knowledge", "without customers' knowledge"
        before = [t.lower_ for t in doc[max(0, start - 3):start] if t.lower_ not in _POSSESSIVE]
        return not before or before[-1] not in _KNOWERS
    if code == "no_lawful_basis" and doc[start].lower_ in ("unlawfully", "illegally"):
        # what a weakness let someone else do ("the script was able to unlawfully process the
        # data") is the security failure's consequence
        return any(t.lower_ in ("able", "allowed", "enabled", "permitted") for t in doc[max(0, start - 3):start])
    if code == "no_lawful_basis" and doc[start].lower_ == "lawfully":
        # data used unlawfully ("failed to use children's data lawfully"), not an act that the law
        # forbids ("could not lawfully make marketing calls": the calls are the failure)
        return not any(t.lower_ in _RECORD_WORDS for t in doc[max(0, start - 5):start])
    if code == "unpatched_systems":
        if any(t.lower_ in _RECORD_WORDS for t in [*doc[max(0, start - 2):start], *doc[end:end + 3]]):
            return True
        if _not_software(doc, start, end):
            return True
        # "its retention policy has not been updated since 2018" is paperwork, not software
        return any(t.lower_ in _PAPER_WORDS for t in [*_clause_before(doc, start, 5), *doc[end:end + 2]])
    if code == "no_encryption" and doc[start].lower_ == "unencrypted":
        # "encrypted or unencrypted security questions" describes a mix, not a failure
        return start >= 2 and doc[start - 1].lower_ in ("or", "and") and doc[start - 2].lower_ == "encrypted"
    if code == "excessive_retention" and doc[start].lower_ == "no":
        # "an admin account that was no longer needed" is a security matter, not data kept
        return any(t.lower_ in _THINGS_NOT_DATA for t in doc[max(0, start - 4):start])
    if code == "delayed_breach_report" and doc[start].lower_ == "without":
        # "without undue delay" is also the time limit for answering a person: only a report counts
        return not any(t.lower_ in _REPORT_WORDS for t in doc[max(0, start - 8):start])
    if code == "delayed_breach_report":
        # "a delay in reporting the breach internally" is not the report to the regulator
        return any(t.lower_ == "internally" for t in doc[end:end + 4])
    return False


def find_failures(matcher: FailureMatcher, doc: Doc) -> list[tuple[str, int, int]]:
    """(code, start token, end token) for every failure named in `doc` (one sentence)."""
    strings = doc.vocab.strings
    found: list[tuple[str, int, int]] = []
    text = doc.text      # built from the tokens on each call: once per sentence
    scopes = [m.end() for r in (_FAILINGS_LIST_RE, _COUNTERFACTUAL_RE) if (m := r.search(text))]
    list_from = min(scopes) if scopes else None
    for match_id, start, end in matcher(doc):
        rule = strings[match_id]
        if "@" in rule:
            words, window = _PRECEDED_RULES[rule]
            if not _has_before(doc, start, words, window):
                continue
            rule = rule.partition("@")[0]
        code, _, gap = rule.partition(":")
        if gap and not negated(doc, start, int(gap)) \
                and not (list_from is not None and doc[start].idx >= list_from):
            continue
        veto = VETOES.get(code)
        if veto is not None and veto.search(text):
            continue
        if code in _MEDIA_CODES and _in_a_name(doc, start, end):
            continue
        if _misread(code, doc, start, end):
            continue
        found.append((code, start, end))
    return found


# Cheap pre-filter: only sentences naming one of the things a pattern is anchored on are tokenised
# and matched. Specific phrases, not stems: "inform" or "access" alone would let every sentence
# of a notice through and the matcher would dominate the time on a long notice. Both pre-filters
# are written in lower case and read `Sentence.lower` (see there).
PREFILTER_RE = re.compile(
    r"\b(?:multi[- ]?factor|two[- ](?:factor|step)|mfa|2fa|unpatched|patch\w*|out[- ]of[- ]date|outdated|"
    r"secure|protect|safeguard|security|cybersecurity|measures|"
    r"unsupported|obsolete|end[- ]of[- ]life|updat\w+|vulnerabilit\w+|penetration|passwords?|"
    r"credential\w*|logging|logs|monitor\w*|alerting|audit|detect|encrypt\w*|unencrypted|non-encrypted|"
    r"in error|wrong|incorrect|unintended|inadvertently|mistakenly|erroneously|accidentally|"
    r"inappropriately|wrongly|bcc|cc|cc'd|ccd|calls?|tps|telephone preference|unsolicited|"
    r"marketing|consent|privacy (?:notice|information|policy)|fair processing|transparen\w*|informed|"
    r"inform|told|retention|longer than|dpias?|impact assessment|access (?:controls?|rights|"
    r"restrictions|management)|(?:restrict\w*|limit\w*|excessive|inappropriate|unrestricted|unnecessary) "
    r"access|appropriate (?:technical|organisational|organizational|security|measures)|"
    r"appropriate security|keep\w* \w+(?: \w+)? secure|children|child|pupils|minors|"
    r"age appropriate|72 hours|late|delayed|delay in|subject access|sars?|copy of (?:their|an?|the|all)|access requests?|subject requests?|"
    r"right of access|with (?:their|his|her) (?:own )?(?:personal )?(?:data|information)|lawful basis|"
    r"legal basis|appropriate basis|training|trained|invisible processing|up[- ]to[- ]date|fix|field|"
    r"visible|spam|texts|scan\w*|threats|weaknesses|agreed|consented|opted|misdirect\w*|misaddressed|"
    r"misdelivered|instead of|disclos(?:ed|ing)|releas(?:ed|ing)|reveal(?:ed|ing)|leak(?:ed|ing)|hands of|"
    r"redact\w*|unredacted|"
    r"(?:left|abandoned|dumped|discarded|lost) (?:in|on|at|outside|behind|unattended)|unaware|untrained|"
    r"awareness|permission|ignor\w+|missed|overlooked|disregarded|unnoticed|undetected|notified|warned|"
    r"alerted|consents|permissions|securely|unsecured|unprotected|insecure|lockout|guess\w*|hidden|explain\w*|"
    r"clear\s+with|open\s+with|unlawfully|illegally|lawfully|(?:not|n['’]t|been)\s+lawful|"
    r"(?:data\s+protection|privacy)\s+risks?|train|wide[- ]ranging|unsupervised|"
    r"unfettered|uncontrolled|unsubscribed|seventh|fifth|7th|5th|nuisance|unauthori[sz]ed\s+access|"
    r"wiped?|erased?|shred(?:ded)?|destroy(?:ed)?|"
    r"(?<![\d,.])\d[\d,.]{0,15}\s+(?:million\s+)?(?:[\w-]+\s+){0,3}(?:e-?mails|texts|sms)|"
    r"(?:sufficient|adequate|proper|clear|enough|meaningful) information|"
    r"(?:inappropriate|accidental|inadvertent|erroneous|mistaken) (?:disclosures?|release|publication|sharing)|"
    r"secretly|covertly|knowledge|opt[- ]?out|unsubscribe|tell|no\s+longer|"
    r"(?:reported|notified|notify)\b[^.;]{0,60}?\buntil|(?:took|waited)\b[^.;]{0,50}?\b(?:report|notify|respond|"
    r"reply|answer|deal|comply|process)\w*|(?:made|being)\s+aware|instigat\w+|plain[- ]?text|cleartext|"
    r"clear\s+text|indefinitely|undue\s+delay|expected?|(?:valid|lawful|appropriate|relevant) condition|"
    r"(?:problems|deficiencies|gaps|failings|shortcomings|weaknesses|flaws) (?:with|in) (?:the |its |their )?"
    r"(?:security|cybersecurity)|lost|stolen|stole|theft|mislaid|misplaced|loss)\b",
)

# Second pre-filter: a sentence can only yield a failure if it has a negation cue (for the
# absence patterns) or one of the plain patterns' anchors. Together with PREFILTER_RE this keeps
# the matcher to the few sentences that state findings.
FINDING_RE = re.compile(
    r"\b(?:no|not|without|lack\w*|absence|fail\w*|never|insufficient|inadequate|n't|neither|nor|poor|"
    r"limited|ineffective|absent|weak|unpatched|outdated|unsupported|obsolete|out[- ]of[- ]date|"
    r"end[- ]of[- ]life|default|shared|reused|credential stuffing|unencrypted|non-encrypted|in error|"
    r"wrong|incorrect|unintended|old|inadvertently|mistakenly|erroneously|accidentally|inappropriate\w*|"
    r"wrongly|bcc|cc|cc'd|ccd|blind|unsolicited|nuisance|predatory|automated|marketing|tps|"
    r"telephone preference|invalid|unlawful|deemed|invisible|longer than|excessive|unnecessary|"
    r"indefinite|unrestricted|restrict\w*|ensured? appropriate|keep|children|child|pupils|minors|"
    r"age appropriate|late|delayed|delay|backlog|substandard|deficient|poorly|known|available|field|"
    r"visible|spam|sent|sending|cold|failures|failings|deficiencies|shortcomings|weaknesses|misdirect\w*|"
    r"misaddressed|misdelivered|instead of|disclos(?:ed|ing)|releas(?:ed|ing)|reveal(?:ed|ing)|leak(?:ed|ing)|"
    r"hands of|redact\w*|"
    r"unredacted|left|abandoned|dumped|discarded|lost|stolen|stole|theft|mislaid|misplaced|loss|unaware|untrained|"
    r"inconsistent|missing|"
    r"avoided|prevented|ignored|ignoring|missed|overlooked|disregarded|unnoticed|undetected|notified|"
    r"warned|alerted|exploit\w*|warnings?|alerts?|unheeded|lax|lapses?|flaws|unable|insufficiently|unsecured|"
    r"unprotected|insecure|guessable|easy[- ]to[- ](?:guess|crack)|easily[- ](?:guess\w*|cracked)|hidden|"
    r"accidental|inadvertent|erroneous|unlawfully|wide[- ]ranging|unsupervised|unfettered|uncontrolled|"
    r"unchecked|opted|unsubscribed|should\s+have|ought\s+to\s+have|mistaken|secretly|covertly|inappropriate disclosures?|"
    r"(?:only|just)\s+\d|took|waited|instigat\w+|plain[- ]?text|cleartext|clear\s+text|indefinitely|no\s+longer|"
    r"visible\s+to\s+(?:everyone|everybody|anyone)|illegally|"
    r"(?:only|just)\s+(?:a\s+)?(?:half|third|quarter|fraction|minority|handful)|problems|deficiencies|gaps|"
    r"need\s*n['’]t)\b|"
    r"n['’]t\b",
)


# ---- failures from the provisions a regulator cites as breached -------------------------------------
# UK GDPR articles -> taxonomy codes. Article 5(1)(f) and 32 are security in general: the specific
# security failures, when the text names them, take their place (see SUPPRESSES_GENERIC_SECURITY).
GDPR_ARTICLE_CODES: dict[str, str] = {
    "5(1)(f)": "inadequate_security", "32": "inadequate_security", "5(1)(e)": "excessive_retention",
    "6": "no_lawful_basis", "8": "children_data", "9": "no_lawful_basis", "12": "transparency_failure",
    "13": "transparency_failure", "14": "transparency_failure", "15": "subject_access_failure",
    "33": "delayed_breach_report", "35": "no_dpia",
}
# PECR regulations -> codes: 21 (and 21A/21B) live calls, 22 and 23 electronic mail and texts.
PECR_REGULATION_CODES: dict[str, str] = {
    "21": "unlawful_marketing_calls", "21A": "unlawful_marketing_calls", "21B": "unlawful_marketing_calls",
    "22": "unlawful_marketing_messages", "23": "unlawful_marketing_messages",
}
# The specific failures that make `inadequate_security` redundant: the specific security failures,
# and a misdirected disclosure (the security failure the regulator then describes).
SUPPRESSES_GENERIC_SECURITY: frozenset[str] = SPECIFIC_SECURITY | {"misdirected_disclosure"}

_ITEM = r"\d{1,2}[A-Z]?(?:\s?\(\s?\d{1,2}\s?\))?(?:\s?\(\s?[a-z]\s?\))?"
_ITEMS = _ITEM + r"(?:\s*(?:,|and|&|or|/)\s*(?:Art(?:icle)?s?\.?\s*)?" + _ITEM + r")*"
_ARTICLE_RE = re.compile(r"\bArt(?:icle)?s?\.?\s*(?P<items>" + _ITEMS + r")", re.I)
_PECR_ITEMS_RE = re.compile(r"\b(?:regulations?|regs?\.?|reg\.)\s*(?P<items>" + _ITEMS + r")", re.I)
_PECR_RE = re.compile(r"\bPECR\b|Privacy and Electronic Communications", re.I)
# A provision cited as breached, not as the law that applies or the power used.
# ("a personal data breach must be reported under Article 33" is the law, not a finding.)
_BREACHED_RE = re.compile(r"\b(?:breached|breaching|breach(?:es)?\s+of|infring\w+|contraven\w+|violat\w+|"
                          r"fail\w*\s+to\s+comply|non-?complian\w+|not\s+compl\w+|contrary\s+to)\b", re.I)
# Art. 12(3) and (4) set the time limit for answering a person's request, not transparency.
_REQUESTS_RE = re.compile(r"\brequests?\b|\bSARs?\b|\bwithin\s+one\s+month\b|\bundue\s+delay\b", re.I)
# The numbered principles of the Data Protection Act 1998, as older notices cite them: "the seventh
# data protection principle was contravened" (security), the fifth (kept no longer than necessary).
_PRINCIPLE_CODES = {"seventh": "inadequate_security", "7th": "inadequate_security", "7": "inadequate_security",
                    "fifth": "excessive_retention", "5th": "excessive_retention", "5": "excessive_retention"}
_PRINCIPLE_RE = re.compile(r"\b(?P<n>seventh|7th|fifth|5th)\s+(?:data\s+protection\s+)?principle\b|"
                           r"\b(?:data\s+protection\s+)?principle\s+(?P<n2>7|5)\b", re.I)
_COMPLY_WITH_RE = re.compile(r"\bto\s+comply\s+with\b", re.I)
_ITEM_RE = re.compile(r"(?P<num>\d{1,2}[A-Z]?)(?P<para>\s?\(\s?\d{1,2}\s?\))?(?P<point>\s?\(\s?[a-z]\s?\))?")


def _provisions(items: str) -> list[str]:
    """'5(1)(f) and 32' -> ['5(1)(f)', '32']; '15' -> ['15']."""
    out = []
    for m in _ITEM_RE.finditer(items):
        key = m.group("num") + "".join(re.sub(r"\s", "", g) for g in (m.group("para"), m.group("point")) if g)
        out.append(key)
    return out


def cited_failures(sentence: str) -> list[tuple[str, int, int]]:
    """(code, start, end) for each provision a sentence cites as breached.

    "violated Articles 5(1)(f) and 32 of the UK GDPR" -> inadequate_security; "contravened
    regulation 22 of PECR" -> unlawful_marketing_messages. Only in a sentence that says the
    provision was breached: a notice also cites the articles that give the Commissioner her powers.
    """
    breached = bool(_BREACHED_RE.search(sentence))
    if not breached and not _COMPLY_WITH_RE.search(sentence):
        return []
    found = [(_PRINCIPLE_CODES[(m.group("n") or m.group("n2")).lower()], m.start(), m.end())
             for m in _PRINCIPLE_RE.finditer(sentence)]
    if not breached:
        # An undertaking "to comply with the seventh data protection principle" was given because the
        # principle was breached; articles a sentence asks compliance with may be the powers' own.
        return found
    pecr = bool(_PECR_RE.search(sentence))
    for m in _ARTICLE_RE.finditer(sentence):
        provisions = _provisions(m.group("items"))
        with_access = any(p.split("(")[0] == "15" for p in provisions)
        for provision in provisions:
            # Article 5's principles differ by point; other articles map whole.
            article = provision.split("(")[0]
            code = GDPR_ARTICLE_CODES.get(provision if article == "5" else article)
            if article == "12" and (with_access or (provision.startswith(("12(3)", "12(4)"))
                                                    and _REQUESTS_RE.search(sentence))):
                code = "subject_access_failure"   # Art. 12(3)'s time limit, for access requests
            if code:
                found.append((code, m.start(), m.end()))
    if pecr:
        for m in _PECR_ITEMS_RE.finditer(sentence):
            for provision in _provisions(m.group("items")):
                code = PECR_REGULATION_CODES.get(re.sub(r"\(.*", "", provision).upper())
                if code:
                    found.append((code, m.start(), m.end()))
    return found
