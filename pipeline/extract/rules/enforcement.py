"""Whether a sentence speaks of enforcement, and whether a whole text reports an action at all.

`ENFORCEMENT_CUE_RE` tags sentences (only tagged sentences feed the party patterns, the status
vote and the NER beyond the opening), through `speaks_of_enforcement`: a cue that is negated ("not
imposing a fine on the MoD", "not exercising its powers to serve an enforcement notice") speaks of
what did not happen. `is_enforcement` turns away FOI decision notices, court cases between private
parties, guidance, and pages about a breach that report no regulator action.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.roles import PLURAL_KINDS
from pipeline.extract.rules.document import (
    EARLIER_TIME_RE,
    LOG_FIELDS_CHARS,
    PRESS_FINING_VERBS,
    RECALLING_SENTENCE_RE,
    Prepared,
    Sentence,
)

# Document-level cues (FOI, court) are judged on the opening: enough to tell what a text is.
SCAN_CHARS = 60_000

# What an enforcement notice orders, when a text does not name it: "the ICO requires that EML
# complies with the following within three months".
# Words and blanks are bounded ({1,60}, {1,8}) so that no pattern costs more than linear time.
COMPLIANCE_ORDER = (r"\brequires?\s{1,8}(?:that\s{1,8})?[\w&'().,-]{1,60}(?:\s{1,8}[\w&'().,-]{1,60}){0,5}?"
                    r"\s{1,8}(?:to\s{1,8})?compl(?:y|ies)\s{1,8}with\b")

# An undertaking not called one: "has signed a legal document saying it will encrypt", "was ordered
# to sign a pledge to train staff", "signed an agreement to encrypt all data", "forced to sign a
# publicised contract to improve", "has come to an 'agreement' with the ICO", "the ICO agreed not to
# serve an enforcement notice as long as the trust ...", "have promised the ICO they will ...".
# "by the ICO", "by the Information Commissioner's Office", "by the watchdog", and the space after it
BY_THE_REGULATOR = (r"by\s{1,3}(?:the\s{1,3})?(?:ICO|Information\s{1,3}Commissioner(?:'s\s{1,3}Office)?|regulator|watchdog)"
                    r"\s{1,3}")
UNDERTAKING_IN_OTHER_WORDS = (
    r"\bsign(?:ed|s|ing)?\s{1,3}an?\s{1,3}(?:(?:legal|formal|written)\s{1,3}(?:document|commitment|pledge|agreement)|"
    r"(?:public\s{1,3})?(?:pledge|commitment))\s{1,3}(?:saying|promising|committing|(?:not\s{1,3})?to)\b|"
    r"\bsign(?:ed|s|ing)?\s{1,3}an?\s{1,3}(?:[\w-]{1,20}\s{1,3})?(?:agreement|contract)\s{1,3}to\s{1,3}(?:encrypt|improve|"
    r"ensure|comply|protect|train|review|introduce)\b|"
    # "to sign legally binding agreements to abide by the Data Protection Act"
    r"\bsign(?:ed|s|ing)?\s{1,3}(?:an?\s{1,3})?legally[\s-]{1,3}binding\s{1,3}(?:agreements?|commitments?|undertakings?)\b|"
    r"\b(?:came|come|comes|coming|reached|entered)\s{1,3}(?:in)?to\s{1,3}an?\s{1,3}\W?agreement\W{0,2}\s{1,3}with\s{1,3}"
    r"(?:the\s{1,3})?(?:ICO|Information\s{1,3}Commissioner|regulator|watchdog)\b|"
    r"\bagree[ds]?\s{1,3}not\s{1,3}to\s{1,3}(?:serve|take|issue|pursue)\b[^.;]{0,80}?\b(?:as|so)\s{1,3}long\s{1,3}as\b|"
    r"\bagree[ds]?\s{1,3}not\s{1,3}to\s{1,3}(?:serve|take|issue|pursue)\b[^.;]{0,80}?\b(?:provided|on\s{1,3}condition)\b|"
    # a promise made to the regulator: "All of the trusts have promised the ICO they will encrypt"
    r"\b(?:promised|pledged|committed|undertook)\s{1,3}(?:to\s{1,3})?(?:the\s{1,3})?(?:ICO|Information\s{1,3}Commissioner|"
    r"regulator|watchdog)\s{1,3}(?:that\s{1,3})?(?:it|they|the\s{1,3}[\w-]{1,20})\s{1,3}(?:will|would)\b")

ENFORCEMENT_CUE_RE = re.compile(
    COMPLIANCE_ORDER + r"|"
    r"\b(?:fined?|fines|fining|monetary penalt|penalty notice|penalty of|penali[sz]ed|reprimand\w*|"
    r"enforcement (?:notice|order)|undertaking|prosecut\w*|" + UNDERTAKING_IN_OTHER_WORDS + r"|"
    # the regulator's sanctions under the FOI Act and the EIR (an FOI decision notice is none)
    r"practice recommendations?|information notices?|"
    # an action the text does not name: "resulted in our office taking enforcement action against X"
    r"(?:taking|taken|took)\s{1,3}enforcement\s{1,3}action\s{1,3}against|"
    # "the enforcement action it has taken against X", a headline's "ICO takes action against an NHS Trust"
    r"enforcement\s{1,3}action\s{1,3}(?:it|that|which)\s{1,3}(?:has\s{1,3}|had\s{1,3})?(?:taken|took)\s{1,3}against|"
    r"(?:takes|took)\s{1,3}action\s{1,3}against|"
    # "ATL has been ordered by the ICO to encrypt all its portable devices"
    r"(?:been|was|were)\s{1,3}(?:now\s{1,3})?ordered\s{1,3}" + BY_THE_REGULATOR + r"to\b|"
    # "The ICO has taken further action against Fenbury"
    r"(?:has|have|had)\s{1,3}taken\s{1,3}(?:further\s{1,3}|formal\s{1,3}|regulatory\s{1,3})?action\s{1,3}against|"
    r"impos\w+ (?:a|an) (?:\w+ )?(?:fine|penalty)|"
    # "The Information Commissioner served the financial penalty on Hertfordshire county council"
    r"(?:served|issued|levied)\s{1,3}(?:the|a|an|its)\s{1,3}(?:[\w-]{1,20}\s{1,3})?penalty\s{1,3}(?:on|upon|to|against)\b|"
    # "Amber Windows received the penalty for contacting people registered with the TPS"
    r"(?:received|receives|incurred|incurs)\s{1,3}(?:a|an|the|its)\s{1,3}(?:[\w£.,-]{1,30}\s{1,3}){0,2}penalty\b|"
    r"notices? of intent|MPN|pleaded guilty|convicted|found guilty|conditional discharge|suspended\s+(?:prison\s+)?sentences?|confiscation orders?|(?:section|s\.?)\s?55A\b|"
    # Press copy about money paid to the regulator: "will pay the ICO £3m", "bill lands at £3m".
    # (not "required to pay the ICO an annual data protection fee")
    r"pay\w*\s+(?:the\s+)?(?:ICO|Information Commissioner's Office|regulator|watchdog)\b(?![^.;£]{0,40}\bfees?\b)|"
    r"(?:lands?|landed|settled|comes\s+in|came\s+in|set)\s+at\s+£|(?:told|ordered|agreed)\s+to\s+pay\s+(?:a\s+)?£|"
    # "settled the matter for £3.09m"
    r"settled\s+(?:the\s+(?:matter|case|penalty|fine)\s+)?for\s+£)|"
    # press verbs for fining, with the figure: "whacked for £50,000", "was hit for £40,000"
    r"\b(?:" + PRESS_FINING_VERBS + r"|hit)\s+(?:with|for)\s+(?:an?\s+)?£|"
    # "faces a £6.09m data penalty", "a £2m fine from the regulator"
    r"£[\d.,]{1,30}\s{0,8}(?:m|mn|million|bn|k)?\s{1,8}(?:[\w-]{1,60}\s{1,8}){0,2}(?:fine|penalty)\b",
    re.IGNORECASE,
)
# A negation governing the cue that follows it, in the same clause. A verb's negation reaches six
# words ("not exercising its powers to serve an enforcement notice"); "no" and "without" govern
# their own noun phrase only ("without a fine", "no formal penalty"): in "calls without consent
# lead to maximum fine" the fine is not negated. Nor is anything in "not only is it the first
# enforcement notice ..." or "prison sentences, not just fines" (a conjunction, not a negation).
NEGATED_BEFORE_RE = re.compile(
    r"(?:\b(?:(?:not(?![ \t]{1,3}(?:only|just|merely|simply)\b)|[a-z]{1,6}n['’]t|never|yet\s+to|declined\s+to)"
    # (what is not done in answer to a sanction says it was imposed: "will not appeal against the
    # fine", "has yet to pay the penalty")
    r"(?![ \t]{1,3}(?:be[ \t]{1,3})?(?:appeal\w*|challeng\w*|contest\w*|disput\w*|pay|pays|paid|paying)\b)|"
    r"decided\s+against|refrain\w*\s+from|chose\s+not\s+to|ruled\s+out|"
    r"rather\s+than|instead\s+of|stop(?:s|ped|ping)?\s+short\s+of|"
    r"avoid(?:ed|ing|s)?|escap(?:ed|ing|es|e)|spared|dodg(?:e|es|ed|ing)|evad(?:e|es|ed|ing)|sidestep(?:s|ped|ping)?)"
    # (the scope ends where another clause's verb begins: "products they didn't want has been fined",
    # "it is not the first time Fenland has been fined"; "will not have to pay a fine" is one clause)
    r"(?:[ \t]{1,3}(?!and\b|but\b|or\b)[\w'’£.-]{1,30}"
    r"(?:[ \t]{1,3}(?!and\b|but\b|or\b|has\b|have\b|had\b|was\b|were\b|is\b|are\b)[\w'’£.-]{1,30}){0,5})?"
    r"|\b(?:no|without)(?:[ \t]{1,3}(?!and\b|but\b|or\b|to\b|the\b)[\w'’\"“”-]{1,30}){0,2})[ \t]{1,3}$", re.I)


# A cue in a general statement of what can happen: "organisations can be fined up to £17.5m",
# "the fine could have been as high as £200,000". (A notice of intent's "could be fined £1.2m"
# names the figure, so it stays a cue.)
MODAL_BEFORE_RE = re.compile(r"\b(?:can|could|may|might|would)(?:[ \t]{1,3}[\w'’-]{1,30}){0,5}[ \t]{1,3}$", re.I)
# A cue that names its own ceiling: "a fine of up to £500,000", "faces a penalty of as much as £1m".
CEILING_AFTER_RE = re.compile(r"^[ \t]{0,3}(?:of[ \t]{1,3})?(?:up[ \t]{1,3}to|as[ \t]{1,3}(?:much|high)[ \t]{1,3}as)\b", re.I)
MAXIMUM_NEAR_RE = re.compile(r"\b(?:up[ \t]{1,3}to|as[ \t]{1,3}(?:much|high)[ \t]{1,3}as)\b", re.I)
# ... and with the cue as the subject: "The prosecution could have been seriously hampered".
PERFECT_AFTER_RE = re.compile(r"^\w{0,3}[ \t]{1,3}(?:could|would|might|should)[ \t]{1,3}have\b", re.I)
PERFECT_BEFORE_RE = re.compile(r"\b(?:could|would|might|should)[ \t]{1,3}have[ \t]{1,3}(?:been|faced|received)"
                               r"(?:[ \t]{1,3}[\w'’-]{1,30}){0,3}[ \t]{1,3}$", re.I)


# An action somebody asks for: "the ICO has been called on to reprimand the council", "urged the
# regulator to fine".
CALLED_FOR_BEFORE_RE = re.compile(r"\b(?:call(?:s|ed|ing)?[ \t]{1,3}(?:on|for|upon)|urg(?:e|es|ed|ing)|"
                                  r"demand(?:s|ed|ing)?|pressed)(?:[ \t]{1,3}[\w'’-]{1,30}){0,5}[ \t]{1,3}$", re.I)


# A sanction only possible: "a potential fine", "the maximum fine could be £0.5bn" (not "hit with the
# maximum fine of £500,000", which was imposed).
POSSIBLE_BEFORE_RE = re.compile(r"\b(?:potential|possible|theoretical|hypothetical|likely)[ \t]{1,3}(?:[\w'’-]{1,20}[ \t]{1,3})?$",
                                re.I)
MAXIMUM_BEFORE_RE = re.compile(r"\bmaximum[ \t]{1,3}$", re.I)
# ... or said to be (un)likely: "a fine of this level is extremely unlikely".
LIKELIHOOD_AFTER_RE = re.compile(r"^[^.;]{0,30}?\b(?:is|was|seems|looks|would\s+be)[ \t]{1,3}(?:\w+[ \t]{1,3})?"
                                 r"(?:unlikely|likely|possible|improbable)\b", re.I)
# ("the maximum fine that they could hand out was £500,000": the modal in a relative clause)
MODAL_AFTER_RE = re.compile(r"^\w{0,3}[ \t]{1,3}(?:(?:that|which)[ \t]{1,3}(?:\w{1,20}[ \t]{1,3})?)?"
                            r"(?:could|would|can|may|might|is|was)\b", re.I)
# What a party "faces" without a figure is what may come ("now faces an ICO fine"); a notice of
# intent's "faces a £6.09m fine" names it.
FACES_BEFORE_RE = re.compile(r"\bfac(?:es|ing|e)[ \t]{1,3}(?:an?[ \t]{1,3})?(?:[\w'’-]{1,20}[ \t]{1,3}){0,2}$", re.I)


# A sanction a condition supposes: "if they received an enforcement notice or fine" (not "if it fails to
# comply with an enforcement notice issued against it", which was served).
CONDITION_BEFORE_RE = re.compile(r"\b(?:if|unless|whether)[ \t]{1,3}(?:[\w'’-]{1,20}[ \t]{1,3}){0,3}?(?:receives?|received|gets?|"
                                 r"got|faces?|faced|is|are|was|were)[ \t]{1,3}(?:[\w'’-]{1,20}[ \t]{1,3}){0,4}$", re.I)


# A condition put first by inversion: "Should the ICO have decided to fine the University, the amount
# would have been far lower", "Had the regulator fined it, ...": the cue sits in the first clause.
INVERTED_CONDITION_BEFORE_RE = re.compile(r"^\W{0,3}(?:Should|Had|Were)[ \t]{1,3}[^,;:]{0,100}$")
# A headline's "Huge fine possible after ...", "Fine likely for ...": what may come.
POSSIBLE_AFTER_RE = re.compile(r"^[ \t]{1,3}(?:possible|likely|looms?|looming|threat|warning)\b", re.I)


def hypothetical(sentence: str, m: re.Match[str]) -> bool:
    """Whether the cue `m` is in a statement of what could happen, could have happened or is asked for."""
    before = sentence[max(0, m.start() - 60):m.start()]
    if PERFECT_BEFORE_RE.search(before) or CALLED_FOR_BEFORE_RE.search(before) \
            or CEILING_AFTER_RE.search(sentence[m.end():m.end() + 20]) or PERFECT_AFTER_RE.match(sentence[m.end():m.end() + 30]):
        return True
    if CONDITION_BEFORE_RE.search(before):
        return True     # "If you received a regulatory reprimand in 2022, it may now be public"
    if INVERTED_CONDITION_BEFORE_RE.search(sentence[:m.start()]) or POSSIBLE_AFTER_RE.search(sentence[m.end():m.end() + 12]):
        return True
    after_word = sentence[m.end():m.end() + 30]
    if POSSIBLE_BEFORE_RE.search(before) or (MAXIMUM_BEFORE_RE.search(before) and MODAL_AFTER_RE.search(after_word)) \
            or LIKELIHOOD_AFTER_RE.search(sentence[m.end():m.end() + 60]):
        return True
    if FACES_BEFORE_RE.search(before) and "£" not in sentence[max(0, m.start() - 30):m.end() + 30]:
        return True
    if not MODAL_BEFORE_RE.search(before):
        return False
    after = sentence[m.end():m.end() + 40]
    # "could face a huge fine", "may be fined": what might happen, unless a figure is named (a
    # notice of intent's "could be fined £1.2m") or the modal is the regulator's "will".
    # ("changes to the law could increase the maximum fine to £17.5m": the ceiling, with its figure)
    return bool(MAXIMUM_NEAR_RE.search(before) or MAXIMUM_NEAR_RE.search(after[:25])
                or MAXIMUM_BEFORE_RE.search(before)) or "£" not in before + after


# The regulator's powers, not their use: "its fining powers", "the power to fine", "a monetary
# penalty which can be up to £500,000".
# (nor the regulator's practice: "the ICO's fine enforcement practices", "fine recovery")
POWERS_AFTER_RE = re.compile(r"^[ \t]{0,3}(?:powers?|regime|framework|enforcement|collection|recovery|practices|policy|"
                             r"levels)\b|"
                             r"^[^.;]{0,20}\b(?:can|could|may|might)[ \t]{1,3}(?:be[ \t]{1,3})?"
                             r"(?:up[ \t]{1,3}to|as[ \t]{1,3}(?:much|high)[ \t]{1,3}as)\b", re.I)
# "the power to impose data breach fines", "is able to fine", "allow regulators to issue maximum fines".
POWERS_BEFORE_RE = re.compile(r"\b(?:powers?|abilit(?:y|ies)|right|able|entitled|empowered|allows?|allowing)"
                              r"(?:[ \t]{1,3}\w{1,20})?[ \t]{1,3}to(?:[ \t]{1,3}\w{1,20}){0,3}[ \t]{1,3}$", re.I)


def _about_powers(sentence: str, m: re.Match[str]) -> bool:
    """Whether the cue `m` names what the regulator may do rather than what it did."""
    return bool(POWERS_AFTER_RE.search(sentence[m.end():m.end() + 60])
                or POWERS_BEFORE_RE.search(sentence[max(0, m.start() - 60):m.start()]))


# "will not take any further action", "no regulatory action", "decided to take no action".
NO_ACTION_RE = re.compile(
    r"\b(?:no|not[ \t]{1,3}(?:to[ \t]{1,3})?(?:be[ \t]{1,3})?(?:take|taking|taken|pursue|pursuing))[ \t]{1,3}"
    r"(?:any[ \t]{1,3})?(?:(?:further|formal|regulatory|enforcement)[ \t]{1,3}){0,2}action\b", re.I)
# How far into a story its opening reaches: what its headline and first lines are about.
OPENING = 3


# What somebody argues should not happen is no word on what the regulator did: "it made
# representations that it should not be penalised".
# Nor is advice on how to stay clear of one: "ensure that your business is not subject to a fine".
ARGUED_BEFORE_RE = re.compile(r"\b(?:should|ought[ \t]{1,3}to|must)[ \t]{1,3}not[ \t]{1,3}(?:be[ \t]{1,3})?$|"
                              r"\b(?:ensure|ensuring|make[ \t]{1,3}sure|so[ \t]{1,3}that)[ \t]{1,3}(?:[\w'’-]{1,20}[ \t]{1,3}){0,4}"
                              r"(?:not|never)[ \t]{1,3}(?:[\w'’-]{1,20}[ \t]{1,3}){0,3}$", re.I)


def says_no_action(sentence: str) -> bool:
    """Whether a sentence says the regulator took (or will take) no action: a negated cue or
    "no further action", and no cue that stands."""
    if NO_ACTION_RE.search(sentence):
        return not speaks_of_enforcement(NO_ACTION_RE.sub(" ", sentence))
    negated = any(NEGATED_BEFORE_RE.search(sentence[max(0, m.start() - 90):m.start()])
                  and not ARGUED_BEFORE_RE.search(sentence[max(0, m.start() - 70):m.start()])
                  for m in ENFORCEMENT_CUE_RE.finditer(sentence))
    return negated and not speaks_of_enforcement(sentence)


# A cue word that describes rather than tells an action: "a number of convicted criminals" (a kind of
# person), "parking fine numbers" (another kind of fine).
_DESCRIBED_PERSONS_AFTER_RE = re.compile(r"^[ \t]{1,3}[a-z]{3,20}(?:ers|ors|ists|als|ants)\b|"
                                         # one, named: "convicted rapist Owen Oyston" (not "convicted under Section 55")
                                         r"^[ \t]{1,3}(?!(?:under|after|over|for|of|later|earlier)\b)"
                                         r"[a-z]{3,20}(?:er|or|ist|al|ant)[ \t]{1,3}[A-Z][a-z]")
_OTHER_KIND_OF_FINE_BEFORE_RE = re.compile(r"\b(?:parking|speeding|traffic|library|motoring|on-the-spot)[ \t]{1,3}$", re.I)


def _descriptive(sentence: str, m: re.Match[str]) -> bool:
    """Whether the cue `m` is a word describing something else, not an action told."""
    word = m.group(0).lower()
    if word == "convicted":
        return bool(_DESCRIBED_PERSONS_AFTER_RE.match(sentence[m.end():m.end() + 45]))
    return word.startswith("fine") and bool(_OTHER_KIND_OF_FINE_BEFORE_RE.search(sentence[max(0, m.start() - 20):m.start()]))


def _standing_cues(sentence: str) -> Iterator[re.Match[str]]:
    """The sentence's enforcement cues that are neither negated, hypothetical, about powers nor
    descriptive."""
    for m in ENFORCEMENT_CUE_RE.finditer(sentence):
        negated = NEGATED_BEFORE_RE.search(sentence[max(0, m.start() - 90):m.start()])
        if not negated and not hypothetical(sentence, m) and not _about_powers(sentence, m) \
                and not _descriptive(sentence, m):
            yield m


def speaks_of_enforcement(sentence: str) -> bool:
    """Whether a sentence has an enforcement cue that is neither negated nor hypothetical."""
    return next(_standing_cues(sentence), None) is not None


# Numbers of things, as statistics write them: "340", "ten", "a number of", "more than 900".
_COUNT = (r"(?:(?:more|fewer|less)[ \t]{1,3}than[ \t]{1,3}|over[ \t]{1,3}|almost[ \t]{1,3}|nearly[ \t]{1,3}|"
          r"a[ \t]{1,3}total[ \t]{1,3}of[ \t]{1,3})?"
          r"(?:\d[\d,]{0,9}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty[\w-]{0,8}|"
          r"thirty|forty|fifty|dozens|hundreds|several|many|multiple|a[ \t]{1,3}number[ \t]{1,3}of|"
          # unnamed and plural: "These first organisations have been fined", "Other firms were fined"
          r"these|those|other|such)")
# Who statistics count: kinds of organisation (`roles.PLURAL_KINDS`) and of people.
_PARTIES = "(?:" + "|".join(sorted(PLURAL_KINDS | {
    "individuals", "people", "workers", "employees", "staff", "bodies", "controllers", "defendants",
    "members", "agents", "practices"})) + ")"
# A plural sanction noun, not a headline's verb ("ICO fines Bupa £175,000", "reprimands council").
# ("undertakings" is not in it: one signed undertaking is "signed undertakings").
_PLURAL_CUE_RE = re.compile(r"(?:fines|reprimands|prosecutions|penalties|notices|penalty[ \t]notices|MPNs|"
                            r"notices[ \t]of[ \t]intent)$", re.I)
# Of the plural cues only these are also a headline's verb ("ICO fines Bupa", not "ICO Prosecutions").
_VERB_LIKE_CUE_RE = re.compile(r"(?:fines|reprimands)$", re.I)
_HEADLINE_VERB_AFTER_RE = re.compile(r"^[ \t]{1,3}(?:[A-Z]|an?[ \t]|the[ \t]|two|three|four|five|\d)")
_HEADLINE_VERB_BEFORE_RE = re.compile(r"\b(?:ICO|Commissioner|regulator|watchdog)[’']?[ \t]{1,3}$", re.I)
_COUNTED_PARTIES_BEFORE_RE = re.compile(
    _COUNT + r"[ \t]{1,3}(?:[\w-]{1,30}[ \t]{1,3}){0,2}" + _PARTIES +
    r"(?:[ \t]{1,3}(?:have|had|has|were|are|was))?(?:[ \t]{1,3}been)?"
    r"(?:[ \t]{1,3}(?:issued|served|hit|given)(?:[ \t]{1,3}with)?[ \t]{1,3}an?)?[ \t]{1,3}$", re.I)


# More ways a cue counts many: counted sanctions ("More than 900 notices of intent to fine"), a
# statistic ("the average fine", "The total ICO fines"), unnamed parties after the verb ("has fined
# companies £8.8 million").
_COUNTED_SANCTIONS_BEFORE_RE = re.compile(_COUNT + r"[ \t]{1,3}(?:[\w-]{1,30}[ \t]{1,3}){0,2}(?:notices|fines|penalties|"
                                          r"reprimands)(?:[ \t]{1,3}of[ \t]{1,3}intent)?(?:[ \t]{1,3}to(?:[ \t]{1,3}(?:serve|"
                                          r"issue|impose))?(?:[ \t]{1,3}an?)?)?[ \t]{1,3}$", re.I)
_STATISTIC_BEFORE_RE = re.compile(r"\b(?:average|median|mean|typical|total|combined|overall)[ \t]{1,3}"
                                  r"(?:[\w-]{1,20}[ \t]{1,3})?$", re.I)
_UNNAMED_PARTIES_AFTER_RE = re.compile(r"^[ \t]{1,3}(?:" + "|".join(sorted(PLURAL_KINDS)) + r")\b"
                                       # ... unless the names follow: "has fined charities the RSPCA and the BHF"
                                       r"(?![ \t]{1,3}(?:the[ \t]{1,3})?(?-i:[A-Z]))", re.I)
# "prosecuted a number of NHS workers" (a round-up counts its parties: "fined four companies"), "has
# only been prosecuted twice over six years"
_VAGUE_PARTIES_AFTER_RE = re.compile(r"^[ \t]{1,3}(?:a[ \t]{1,3}number[ \t]{1,3}of|several|many|dozens[ \t]{1,3}of|"
                                     r"hundreds[ \t]{1,3}of|scores[ \t]{1,3}of|numerous)\b", re.I)
_HOW_OFTEN_AFTER_RE = re.compile(r"^[ \t]{1,3}(?:[\w-]{1,20}[ \t]{1,3}){0,2}?(?:twice|thrice|(?:\d{1,4}|three|four|five|six|"
                                 r"seven|eight|nine|ten|several|many)[ \t]{1,3}times)\b", re.I)
# ... and unnamed parties as a bare subject: "Companies fined during 2020 included ...", "UK data
# spillers fined" (not "the firms have been fined", which names them elsewhere).
_UNNAMED_PARTIES_BEFORE_RE = re.compile(r"(?<!\bthe )(?<!\bThe )\b(?:(?i:" + "|".join(sorted(PLURAL_KINDS))
                                        + r")|[a-z]{2,20}(?:ers|ors))[ \t]{1,3}$")


# One announcement of a few actions at once, not a statistic: "has imposed fines totalling £590,000 on
# five companies", "Five companies have been fined a total of £405,000" (a round-up, told in the present
# perfect and over no span of time: "Since October 2021 the ICO has fined 16 companies" counts).
_FEW = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-2])"
_FEW_PARTIES_AFTER_RE = re.compile(r"^[^.;]{0,60}?\b(?:on|to|against)[ \t]{1,3}(?:the[ \t]{1,3})?" + _FEW
                                   + r"[ \t]{1,3}(?:[\w-]{1,30}[ \t]{1,3}){0,2}?" + _PARTIES + r"\b", re.I)
_FEW_PARTIES_BEFORE_RE = re.compile(r"(?:^|[ \t])" + _FEW + r"[ \t]{1,3}(?:[\w-]{1,30}[ \t]{1,3}){0,2}?" + _PARTIES
                                    + r"[ \t]{1,3}(?:have|has)[ \t]{1,3}been[ \t]{1,3}$", re.I)
_SPAN_OF_TIME_RE = re.compile(r"\b(?:since|between|during|so[ \t]far|to[ \t]date|over[ \t]the[ \t](?:past|last)|"
                              r"in[ \t](?:19|20)\d\d|(?:last|this|each|every|per|a)[ \t](?:year|month)|annual\w*)\b", re.I)
_NEWS_TENSE_RE = re.compile(r"\b(?:has|have)[ \t]{1,3}(?:\w{1,20}[ \t]{1,3})?(?:imposed|issued|handed|served|fined|given)\b", re.I)


# A plural sanction served on parties it names: "has now issued enforcement notices instructing Serco
# Leisure and the trusts to stop" (not "issued fines to UK companies").
_NAMED_PARTIES_AFTER_RE = re.compile(r"^[^.;]{0,40}?\b(?:to|on|against|instructing|ordering|requiring)[ \t]{1,3}"
                                     r"(?:both[ \t]{1,3})?(?:the[ \t]{1,3})?(?!(?:UK|British|English|Scottish|Welsh|"
                                     r"Irish|European|Government|Public)\b)[A-Z][\w&'’-]{1,40}")


def _served_on_named_parties(sentence: str, after: str) -> bool:
    """Whether a plural cue tells sanctions served at once on parties the sentence names."""
    return bool(_NAMED_PARTIES_AFTER_RE.match(after)) and bool(_NEWS_TENSE_RE.search(sentence)) \
        and not _SPAN_OF_TIME_RE.search(sentence)


def _one_announcement_of_few(sentence: str, before: str, after: str) -> bool:
    """Whether a cue that counts parties tells one announcement of a few actions (a round-up): news
    in the present perfect, over no span of time (not a recap's "The fines were issued to eleven
    separate companies")."""
    few_after = bool(_FEW_PARTIES_AFTER_RE.match(after)) and bool(_NEWS_TENSE_RE.search(sentence))
    return (few_after or bool(_FEW_PARTIES_BEFORE_RE.search(before))) and not _SPAN_OF_TIME_RE.search(sentence)


# One party counted in with others: "Jackson Quinn was among seven organisations reprimanded", "X is
# one of 11 charities fined" (the singular verb: one party, named, had the action).
_ONE_AMONG_BEFORE_RE = re.compile(r"\b(?:was|is|has[ \t]{1,3}been)[ \t]{1,3}(?:one[ \t]{1,3}of|among(?:st)?)[ \t]{1,3}"
                                  r"(?:the[ \t]{1,3})?(?:[\w-]{1,30}[ \t]{1,3}){0,3}$", re.I)


def _about_many(sentence: str, m: re.Match[str]) -> bool:
    """Whether the cue `m` counts actions or parties ("issued 340 fines", "£2.3 million of fines",
    "333 organisations have been issued with a penalty") rather than reporting one action. A count
    after the verb is a round-up's ("fined four companies"), so it is not read as statistics."""
    before = sentence[max(0, m.start() - 80):m.start()]
    rest = re.match(r"\w*(?:[ \t]notices\b)?", sentence[m.end():])
    word_end = m.end() + (rest.end() if rest else 0)
    after = sentence[word_end:word_end + 80]
    # "fines" as a noun; the cue itself may stop short of the word's end ("fine|s", "penalt|ies")
    cue = sentence[m.start():word_end]
    if _one_announcement_of_few(sentence, before, after) or (_ONE_AMONG_BEFORE_RE.search(before)
                                                             and not _SPAN_OF_TIME_RE.search(sentence)):
        return False
    plural = bool(_PLURAL_CUE_RE.search(cue)) and not (
        _VERB_LIKE_CUE_RE.search(cue) and (_HEADLINE_VERB_AFTER_RE.search(after)
                                           or (_HEADLINE_VERB_BEFORE_RE.search(before) and after.strip())))
    if plural and _served_on_named_parties(sentence, after):
        return False
    if plural:
        # A label ("Type: Reprimands", "Monetary penalties") names one listed action's kind.
        return len(sentence.split()) >= 5
    # "has fined companies £8.8 million" (unnamed and uncounted: not a round-up's "fined four
    # companies"), "900 notices of intent to fine", "the average fine"
    return bool(_COUNTED_PARTIES_BEFORE_RE.search(before) or _COUNTED_SANCTIONS_BEFORE_RE.search(before)
                or _STATISTIC_BEFORE_RE.search(before) or _UNNAMED_PARTIES_AFTER_RE.match(after)
                or _UNNAMED_PARTIES_BEFORE_RE.search(before) or _VAGUE_PARTIES_AFTER_RE.match(after)
                or _HOW_OFTEN_AFTER_RE.match(after))


# A sanction in general: "A reprimand is a written letter", "an enforcement notice can require".
# (anywhere in the sentence: "Sitting amongst warnings and fines, a reprimand is one of the measures",
# "the serving of a reprimand could unfairly put recipients at risk")
_GENERIC_BEFORE_RE = re.compile(r"(?:^|[ \t•*,;:(-])(?:a|an|each|every|any)(?:[ \t]{1,3}[\w-]{1,30})?[ \t]{1,3}$", re.I)
_GENERIC_AFTER_RE = re.compile(r"^\w{0,3}[ \t]{1,3}(?:is|are|can|could|may|might|will|would|usually|typically|must|should|"
                               r"only)\b", re.I)


def speaks_of_one_action(sentence: str) -> bool:
    """Whether a sentence reports at least one action of its own: not only counts of many (a
    statistics page's "the ICO issued 340 fines"), sanctions in general ("A reprimand is a written
    letter"), a question ("What is a reprimand?") or a case recalled ("Previously, X was fined")."""
    if sentence.rstrip().endswith("?") or EARLIER_TIME_RE.search(sentence):
        return False
    return any(not _about_many(sentence, m) and not _generic(sentence, m) for m in _standing_cues(sentence))


def _generic(sentence: str, m: re.Match[str]) -> bool:
    """Whether the cue `m` is the subject of a statement about its kind ("A reprimand is...")."""
    return bool(_GENERIC_BEFORE_RE.search(sentence[:m.start()]) and _GENERIC_AFTER_RE.search(sentence[m.end():]))


BREACH_RE = re.compile(r"\b(?:breach\w*|contraven\w+|infring\w+|failed|failure|failing|did not|"
                       r"lack\w*|vulnerab\w+|attack\w*|hack\w*|unsolicited|complain\w*)", re.I)
_DATA_LAW = r"(?:the\s+)?(?:UK\s+)?(?:Data\s+Protection|data\s+protection|DPA|GDPR|Privacy\s+and\s+Electronic|PECR)"
REGULATOR_FINDING_RE = re.compile(
    r"\b(?:ICO|Commissioner|regulator|DPA)\b[^.]{0,60}\b(?:held|holds|found|finds|concluded|concludes|"
    r"considered|considers|decided|decides|determined|ruled|rules)\b[^.]{0,150}\b(?:breach\w*|contraven\w+|infring\w+|"
    r"fail\w*|liable|unlawful\w*|violat\w+)|"
    # the same finding in the passive, the law named: "X has been found in breach of the Data Protection
    # Act", "the trust was found to have breached data protection laws"
    r"\b(?:has\s+been|have\s+been|had\s+been|was|were)\s+found\s+(?:to\s+(?:be|have)\s+)?(?:in\s+breach\s+of|breached|"
    r"broken|contravened)\s+" + _DATA_LAW + r"|"
    # ... and with the finding after it: "X broke data protection laws when ..., the Commissioner has ruled"
    # ('An NHS trust "failed" to comply with data protection law when ..., the ICO has ruled')
    r"\b(?:breached|broke|broken|contravened|(?:failed|did\s+not)\W{0,2}\s+(?:to\s+)?comply\s+with)\s+" + _DATA_LAW
    + r"(?:[^.]|\.(?=\d)){0,150}\b(?:ICO|Commissioner|regulator)\b"
    r"[^.]{0,20}\b(?:ruled|found|concluded|decided)\b|"
    # ... and as its published ruling: "The ICO has published a ruling which states that X breached the Act"
    r"\b(?:ICO|Commissioner|regulator)\b[^.]{0,60}\b(?:ruling|finding|decision|judgement|judgment)\b[^.]{0,40}"
    r"\b(?:states?|stating|said|says|found|finds|concluded)\b[^.]{0,150}\b(?:breach\w*|contraven\w+|infring\w+|"
    r"unlawful\w*|violat\w+)")
# What an FOI decision notice is made of. "Freedom of information" and "FOI" alone are not in it: a
# breach story says a spreadsheet was "released in response to a freedom of information request".
FOI_RE = re.compile(r"\bFOIA\b|environmental information regulations|\bEIR\b|"
                    r"public authority|the complainant|withheld information|requested information|"
                    r"(?<!of )information request|section 40\s?\(2\)|\bvexatious\b", re.I)
# (A judge by title, "Mr Justice Fenwick", "Lord Justice Marsh": not the "Department of Justice" a
# story about its fine names again and again.)
COURT_RE = re.compile(r"\bclaimants?\b|\bdefendants?\b|high court|court of appeal|\bEWHC\b|\bEWCA\b|"
                      r"(?-i:\b(?:Mr|Mrs|Ms|Lord|Lady)\.?\s{1,3}Justice\s{1,3}[A-Z])|\bKC\b|\bQC\b|claim form", re.I)
TRIBUNAL_RE = re.compile(r"first-tier tribunal|upper tribunal|\bUKFTT\b|\bUKUT\b|general regulatory chamber",
                         re.I)
_REGULATOR_NAMED_RE = re.compile(r"\b(?:ICO|Commissioner)\b")
# A criminal case the regulator brought is its action, whoever the court calls the defendant: "The
# prosecution by the ICO was instigated when ...", "was prosecuted by the Information Commissioner".
_REGULATOR_PROSECUTED_RE = re.compile(
    r"\bprosecut(?:ion|ed)\s{1,3}(?:\w{1,20}\s{1,3})?by\s{1,3}the\s{1,3}(?:ICO|Information\s{1,3}Commissioner)|"
    r"\b(?:ICO|Information\s{1,3}Commissioner(?:['’]s\s{1,3}Office)?)\s{1,3}(?:has\s{1,3}|had\s{1,3})?"
    r"(?:prosecuted|brought\s{1,3}(?:the|a)\s{1,3}prosecution)\b")


# A sanction the regulator serves, which an FOI decision notice never is: the regulator enforces the
# FOI Act too ("City of London Police has been issued with an enforcement notice for its FoI failings").
_SERVED_SANCTION_RE = re.compile(r"enforcement notice|reprimand|practice recommendation|information notice", re.I)


def _reports_a_served_sanction(p: Prepared) -> bool:
    """Whether the opening reports an enforcement notice or reprimand served (not one that may come)."""
    opening = ([p.title] if p.title else []) + [s.text for s in p.sentences[:OPENING + 3]]
    return any(_SERVED_SANCTION_RE.search(m.group(0)) for t in opening for m in _standing_cues(t))


UNDERTAKING_GIVEN_RE = re.compile(r"\b(?:sign|signed|signs|signing|agreed|agrees|gave|given|entered\s+into)\b[^.;]{0,40}"
                                  r"\bundertaking\b|" + UNDERTAKING_IN_OTHER_WORDS, re.I)


# The regulator acting in the active voice: "The ICO has issued Surrey Police with reprimands", "has
# formally reprimanded the department".
_ACTION_TAKEN_RE = re.compile(r"\b(?:ICO|Commissioner(?:['’]s\s+Office)?|regulator|watchdog)\)?\s+(?:has\s+|have\s+)?"
                              r"(?:(?:now|also|today|[a-z]{2,12}ly)\s+)?(?:issued|served|fined|reprimanded|imposed|handed)\b", re.I)


# A sanction spoken of as the regulator's own, so one it took: "In its official reprimand, the ICO
# recommended ...".
_OWN_SANCTION_RE = re.compile(r"\b(?:its|the\s+(?:ICO|regulator|watchdog|[Cc]ommissioner)['’]s)\s+(?:official\s+|formal\s+)?"
                              r"(?:reprimand|enforcement\s+notice|undertaking|penalty\s+notice|monetary\s+penalty\s+notice)\b")


def _names_an_action_taken(sentence: str) -> bool:
    """Whether a sentence says the regulator took an action (not only one it forwent)."""
    return bool(_ACTION_TAKEN_RE.search(sentence)) and speaks_of_enforcement(sentence) and not says_no_action(sentence)


def _states_a_finding(sentence: str) -> bool:
    """Whether a sentence states the regulator's finding (not one it might have made: "Should the
    ICO have decided to fine the University, ... than if the breach occurred today")."""
    m = REGULATOR_FINDING_RE.search(sentence)
    if m is None:
        return False
    return not INVERTED_CONDITION_BEFORE_RE.search(sentence[:m.start()])


# The first words of a sentence set long before the story's news: "As far back as June 2014".
_SET_EARLIER_START_RE = re.compile(r"^\W{0,3}(?:As[ \t]{1,3}far[ \t]{1,3}back[ \t]{1,3}as|Back[ \t]{1,3}in|Initially|"
                                   r"At[ \t]{1,3}first|Originally)\b")


def _recalls_an_earlier_case(s: Sentence) -> bool:
    """Whether an enforcement sentence after the opening tells an earlier case ("Gloucestershire Police
    was fined £80,000 by the ICO earlier this year", "It comes the same week as X was fined")."""
    return s.index >= OPENING and bool(EARLIER_TIME_RE.search(s.text) or RECALLING_SENTENCE_RE.search(s.text))


def is_enforcement(p: Prepared, has_heading: bool, listed: str | None) -> bool:
    """False for FOI decision notices, court cases between private parties, guidance."""
    if listed or has_heading:
        return True
    text = p.clean.text
    # An undertaking signed is the action, whatever the regulator forgoes in return ("it is taking
    # no action against the organisation. Instead it has agreed an undertaking", "In return the
    # ICO has agreed not to take enforcement action").
    undertaking_given = any(UNDERTAKING_GIVEN_RE.search(s.text) for s in p.sentences[:400] if s.enforcement)
    opening = ([p.title] if p.title else []) + [s.text for s in p.sentences[:OPENING]]
    # (The first lines after the opening, where a story names the action it took instead.)
    next_lines = [s.text for s in p.sentences[OPENING:OPENING + 2]]
    # (... or any line speaks of the sanction as the regulator's own: "ICO did not fine the bank ...
    # In its official reprimand, the ICO recommended ...")
    own_sanction_told = any(_OWN_SANCTION_RE.search(s.text) and s.enforcement for s in p.sentences[:400])
    for i, sentence in enumerate(opening):
        # The first word on action in the opening says what the story is about: when it is an
        # action not taken, later figures are other, earlier cases, unless the lines after it
        # name one taken ("Police spared fines ... The ICO has issued Surrey Police with a reprimand").
        # (A story told in order may open on a decision set long before: "As far back as June 2014
        # X were given notice that ... no further action would be taken".)
        if says_no_action(sentence) and not undertaking_given and not _SET_EARLIER_START_RE.match(sentence) \
                and not any(_names_an_action_taken(t) for t in [*opening[i + 1:], *next_lines]) \
                and not own_sanction_told:
            return False
        if speaks_of_enforcement(sentence):
            break
    cues = [s for s in p.sentences if s.enforcement]
    title_cue = bool(p.title and speaks_of_enforcement(p.title))
    cue_sentences = len(cues) + (2 if title_cue else 0)
    recalls_only = bool(cues) and all(_recalls_an_earlier_case(s) for s in cues) and not title_cue
    # A story that says the regulator took no action as often as it names one ("the ICO did not take
    # any further action", beside "the watchdog can issue fines") reports none.
    no_action = sum(1 for s in p.sentences[:400] if NO_ACTION_RE.search(s.text) and says_no_action(s.text)
                    and not _SET_EARLIER_START_RE.match(s.text))
    if no_action and cue_sentences <= no_action and not undertaking_given:
        return False
    # Counted by sentence: an ICO release's notes to editors list "FOIA ... EIR" in one line.
    foi = sum(1 for s in p.sentences[:400] if s.start < SCAN_CHARS and FOI_RE.search(s.text))
    if foi >= 3 and foi > cue_sentences and not _reports_a_served_sanction(p):
        return False
    findings = sum(1 for s in p.sentences[:400] if _states_a_finding(s.text)) if foi < 3 else 0
    if recalls_only and not findings and not undertaking_given:
        return False    # a breach story whose only action is another case's, recalled
    # A regulator's finding against an organisation is an action even when the text does not name
    # the sanction ("The ICO held that the airline had failed to comply...").
    cue_sentences += findings
    if _another_regulators_action(p):
        return False
    if not TRIBUNAL_RE.search(text[:3000]) and len(COURT_RE.findall(text[:SCAN_CHARS])) >= 5:
        # A court case: an action only if it reports the regulator's own sanction.
        regulator_action = sum(1 for s in p.sentences if s.enforcement
                               and _REGULATOR_NAMED_RE.search(s.text))
        if regulator_action < 3 and not _REGULATOR_PROSECUTED_RE.search(text[:SCAN_CHARS]):
            return False
    return cue_sentences > 0


# Other regulators, whose fines and prosecutions press reports in the same words ("fined £220,000
# by the Ministry of Justice's claims management regulator", "a Trading Standards prosecution").
OTHER_REGULATOR_RE = re.compile(
    r"\b(?:(?i:financial\s+conduct\s+authority|financial\s+services\s+authority|gambling\s+commission|"
    r"claims\s+management\s+regulat\w*|trading\s+standards|ministry\s+of\s+justice|competition\s+and\s+markets\s+"
    r"authority|charity\s+commission|fundraising\s+regulator|solicitors\s+regulation\s+authority|prudential\s+"
    r"regulation\s+authority|pensions\s+regulator|advertising\s+standards\s+authority|phone-paid\s+services\s+"
    r"authority|federal\s+trade\s+commission|electoral\s+commission|care\s+quality\s+commission|data\s+"
    r"protection\s+commission(?!er)|(?:guernsey|jersey)['’]?s?\s+data\s+protection\s+authority|nursing\s+and\s+midwifery\s+council|"
    r"australian\s+communications\s+and\s+media\s+authority|serious\s+organised\s+crime\s+agency)|"
    r"FCA|FSA|Ofcom|Ofgem|Ofwat|CMA|PhonepayPlus|CNIL|FTC|ACMA|SOCA|NMC)\b")
# The ICO by any of its names in press copy.
_ICO_NAMED_RE = re.compile(r"\bICO\b|(?i:\bcommissioner\b|data\s+(?:protection\s+)?watchdog|information\s+watchdog|"
                           r"privacy\s+watchdog|data\s+regulator)")


# The ICO by a name no other body has (its older titles too: "the Data Protection Commissioner").
_ICO_EXPLICIT_RE = re.compile(r"\bICO\b|(?i:information\s+commissioner|data\s+protection\s+(?:commissioner|registrar))")
# Another country's data protection authority ("The Data Protection Authority has found officers did
# not ..."): the ICO is one as well, so it tells another's action only where the ICO is never named.
_DATA_PROTECTION_AUTHORITY_RE = re.compile(r"(?i:data\s+protection\s+authorit(?:y|ies))")
# Bodies that may be an ICO party themselves: naming one says nothing of who acted.
_ALSO_A_PARTY_RE = re.compile(r"(?i:ministry\s+of\s+justice|electoral\s+commission|charity\s+commission|"
                              r"care\s+quality\s+commission)")
# ... but one named as the agent acts: "fined £70,000 by the Electoral Commission".
_BY_BEFORE_RE = re.compile(r"\bby[ \t]{1,3}(?:the[ \t]{1,3})?$", re.I)


def _names_a_regulator_acting(text: str) -> bool:
    """Whether `text` names another regulator as one that acts: its own name, or a body that may
    also be an ICO party named as the agent ("fined by the Electoral Commission")."""
    return any(not _ALSO_A_PARTY_RE.fullmatch(m.group(0)) or _BY_BEFORE_RE.search(text, 0, m.start())
               for m in OTHER_REGULATOR_RE.finditer(text))


# A breach log's own field: "Regulator / FSA" above the first entry's "Regulatory action".
_LOG_REGULATOR_FIELD_RE = re.compile(r"^[ \t]{0,8}Regulator[ \t]{0,8}(?::[ \t]{0,8}|\n[ \t]{0,8})(?P<name>[^\n]{2,80})$", re.M)


def _another_regulators_action(p: Prepared) -> bool:
    """Whether every action the text reports is another regulator's: a breach log's first entry
    says so in its "Regulator" field, another regulator is named and the ICO nowhere, or one is named
    in an enforcement sentence and no enforcement sentence (nor the title) names the ICO."""
    logged = _LOG_REGULATOR_FIELD_RE.search(p.clean.text[:LOG_FIELDS_CHARS])
    if logged:
        return bool(OTHER_REGULATOR_RE.search(logged.group("name"))) and not _ICO_NAMED_RE.search(logged.group("name"))
    head = p.clean.text[:20000]
    if not _ICO_EXPLICIT_RE.search(head) and not (p.title and _ICO_EXPLICIT_RE.search(p.title)) \
            and (_names_a_regulator_acting(head) or _DATA_PROTECTION_AUTHORITY_RE.search(head)):
        return True     # another regulator named, and the ICO never: "the Claims Management Regulator has ..."
    sentences = [s.text for s in p.sentences[:400] if s.enforcement]
    if p.title and speaks_of_enforcement(p.title):
        sentences.append(p.title)
    # (a body that may be the party counts only as the agent or as its regulator's own name: "fined
    # £220,000 by the Ministry of Justice's claims management regulator", not "The Ministry of Justice
    # has been fined")
    return any(_names_a_regulator_acting(t) for t in sentences) and not any(_ICO_NAMED_RE.search(t) for t in sentences)


def reports_only_counts(p: Prepared) -> bool:
    """Whether every enforcement cue of a text counts many actions, speaks of sanctions in general,
    asks a question or recalls an earlier case: a statistics page, a guide or a policy story. It
    reports an action only when it also names a party in an enforcement sentence (a round-up's
    "two councils were served with hefty fines" names them later)."""
    cues = [s.text for s in p.sentences if s.enforcement]
    if p.title and speaks_of_enforcement(p.title):
        cues.append(p.title)
    return bool(cues) and not any(speaks_of_one_action(s) for s in cues)
