"""The extraction stage: one document's text in, the enforcement actions it reports out.

How a document is read, cheapest step first:
1. `text.clean` removes page furniture and press boilerplate and keeps an offset map, and
   `text.split_sentences` splits by rules (no parser: it would dominate the time on long notices).
2. Regular expressions tag each sentence: enforcement cues, money, counts, headings.
3. spaCy runs ONLY its NER component, and only over the sentences that can name the penalised
   party (the opening and the enforcement sentences), batched with `nlp.pipe`.
4. The failure `Matcher` runs on tokenised sentences that pass a cheap keyword pre-filter.
5. Weighted rules decide the party, the action type, the status, the amount, the people affected
   and the date; each keeps the sentence it came from as `Evidence` into the text given.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from pipeline.extract.counts import find_counts
from pipeline.extract.dates import find_dated_line, find_dates
from pipeline.extract.failures import (FINDING_RE, PREFILTER_RE, SPECIFIC_SECURITY, TAXONOMY, build_matcher,
                                       find_failures)
from pipeline.extract.money import MoneySpan, find_money, parse_money
from pipeline.extract.nlp import load_nlp
from pipeline.extract.roles import PartyTally, clean_name, is_blocked
from pipeline.extract.text import CleanText, clean, split_sentences
from pipeline.models import ACTION_TYPES, Action, Document, Evidence

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = "1.1.2"

# How many sentences of one document go through NER at most: the opening plus enforcement
# sentences. Enough for any notice's "TO:" block and findings; bounded so 300 KB stays < 1 s.
MAX_NER_SENTENCES = 40
OPENING_SENTENCES = 8
NER_MAX_CHARS = 500          # a sentence longer than this is a table or list: its start is enough
# A notice states its findings early (summary, then reasons); past this many candidate sentences
# a long notice only repeats them, and matching would cost more than the rest together.
MAX_FAILURE_SENTENCES = 200
# Document-level cues (FOI, court) are judged on the opening: enough to tell what a text is.
SCAN_CHARS = 60_000
# Sentence-level rules (party, status, people, failures) read the first ANALYSE_CHARS of clean
# text: a notice states its party, decision and findings in its opening and summary, and a 300 KB
# notice must still take under a second. Money is scanned to the end (it is cheap to find).
ANALYSE_CHARS = 100_000

# What an enforcement notice orders, when a text does not name it: "the ICO requires that EML
# complies with the following within three months".
COMPLIANCE_ORDER = (r"\brequires?\s+(?:that\s+)?[\w&'().,-]+(?:\s+[\w&'().,-]+){0,5}?"
                    r"\s+(?:to\s+)?compl(?:y|ies)\s+with\b")

ENFORCEMENT_CUE_RE = re.compile(
    COMPLIANCE_ORDER + r"|"
    r"\b(?:fined?|fines|fining|monetary penalt|penalty notice|penalty of|reprimand\w*|"
    r"enforcement notice|undertaking|prosecut\w*|impos\w+ (?:a|an) (?:\w+ )?(?:fine|penalty)|"
    r"notice of intent|MPN|pleaded guilty|convicted|confiscation orders?|"
    # Press copy about money paid to the regulator: "will pay the ICO £3m", "bill lands at £3m".
    r"pay\w*\s+(?:the\s+)?(?:ICO|Information Commissioner's Office|regulator|watchdog)\b|"
    r"(?:lands?|landed|settled|comes\s+in|came\s+in|set)\s+at\s+£|(?:told|ordered|agreed)\s+to\s+pay\s+(?:a\s+)?£)|"
    # "faces a £6.09m data penalty", "a £2m fine from the regulator"
    r"£[\d.,]+\s*(?:m|mn|million|bn|k)?\s+(?:[\w-]+\s+){0,2}(?:fine|penalty)\b",
    re.IGNORECASE,
)
_BREACH_RE = re.compile(r"\b(?:breach\w*|contraven\w+|infring\w+|failed|failure|failing|did not|"
                        r"lack\w*|vulnerab\w+|attack\w*|hack\w*|unsolicited|complain\w*)", re.I)
_REGULATOR_FINDING_RE = re.compile(
    r"\b(?:ICO|Commissioner|regulator|DPA)\b[^.]{0,60}\b(?:held|holds|found|finds|concluded|concludes|"
    r"considered|considers|decided|decides|determined)\b[^.]{0,150}\b(?:breach\w*|contraven\w+|infring\w+|fail\w*|liable|unlawful\w*|"
    r"violat\w+)")
_FOI_RE = re.compile(r"freedom of information|\bFOIA?\b|environmental information regulations|\bEIR\b|"
                     r"public authority|the complainant|withheld information|requested information|"
                     r"information request|section 40\s?\(2\)|\bvexatious\b", re.I)
_COURT_RE = re.compile(r"\bclaimants?\b|\bdefendants?\b|high court|court of appeal|\bEWHC\b|\bEWCA\b|"
                       r"\bjustice \w+|\bKC\b|\bQC\b|claim form", re.I)
_TRIBUNAL_RE = re.compile(r"first-tier tribunal|upper tribunal|\bUKFTT\b|\bUKUT\b|general regulatory chamber",
                          re.I)

# Headings that name the action: whole lines, any case.
_HEADINGS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"^[\s(]*notice of intent\b", re.I | re.M), "monetary_penalty", "provisional"),
    # OCR splits and misreads this heading: "PENAL TY NOTICE", "PENAL1YNOTICE".
    (re.compile(r"^[\s(]*(?:monetary\s+)?penal\s?[tl1]\s?y\s*notice\)?\s*$", re.I | re.M), "monetary_penalty",
     "final"),
    (re.compile(r"^[\s(]*enforcement notice\)?\s*$", re.I | re.M), "enforcement_notice", "final"),
    (re.compile(r"^[\s(]*reprimand\)?\s*$", re.I | re.M), "reprimand", "final"),
    (re.compile(r"^[\s(]*undertaking\)?\s*$", re.I | re.M), "undertaking", "final"),
    (re.compile(r"^\s*Type\s*\n?\s*(Monetary penalties)\b", re.I | re.M), "monetary_penalty", "final"),
    (re.compile(r"^\s*Type\s*\n?\s*(Enforcement notices)\b", re.I | re.M), "enforcement_notice", "final"),
    (re.compile(r"^\s*Type\s*\n?\s*(Reprimands)\b", re.I | re.M), "reprimand", "final"),
    (re.compile(r"^\s*Type\s*\n?\s*(Undertakings)\b", re.I | re.M), "undertaking", "final"),
    (re.compile(r"^\s*Type\s*\n?\s*(Prosecutions)\b", re.I | re.M), "prosecution", "final"),
]
_PROSE_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("monetary_penalty", re.compile(r"\b(?:fined?|fines|fining|monetary penalt\w*|penalty notice|"
                                    r"penalty of|administrative fine|MPN)\b|"
                                    r"\bpay\w*\s+(?:the\s+)?(?:ICO|Information Commissioner's Office|regulator|"
                                    r"watchdog)\b[^.]{0,20}£|\b(?:ICO|regulator|watchdog)\s+bill\b|"
                                    r"\b(?:lands?|landed|settled|comes\s+in|came\s+in)\s+at\s+£", re.I)),
    ("reprimand", re.compile(r"\breprimand\w*", re.I)),
    ("enforcement_notice", re.compile(r"\benforcement notice|" + COMPLIANCE_ORDER, re.I)),
    ("undertaking", re.compile(r"\bundertaking\b", re.I)),
    ("prosecution", re.compile(r"\bprosecut\w+|pleaded guilty|\bconvicted\b|magistrates'? court|"
                               r"crown court|confiscation orders?|proceeds of crime", re.I)),
]
# "A fine may be imposed if it does not comply": a threat, not a penalty. Such a sentence does
# not vote for monetary_penalty (an enforcement notice usually ends with one).
_CONDITIONAL_PENALTY_RE = re.compile(
    r"\b(?:may|might|could|can)\s+(?:be\s+)?(?:imposed?|issued?|levied|fined?)\b[^.]*\bif\b|"
    r"\bif\b[^.]*\b(?:may|might|could|can)\s+(?:be\s+)?(?:imposed?|issued?|levied|fined?)\b|"
    r"\bfailure\s+to\s+comply\b[^.]*\b(?:may|might|could|can)\b", re.I)
_COURT_CASE_RE = re.compile(r"magistrates'? court|crown court|sheriff court|pleaded guilty|\bconvicted\b", re.I)
_PROVISIONAL_RE = re.compile(
    r"intends? to (?:fine|issue|impose)|intention to (?:fine|impose)|provisional\w*|"
    r"(?:wants?|plans?|aims?|seeks?|is\s+set|expected) to (?:fine|impose)|lines? up (?:a )?(?:£|fine|penalty)|"
    r"(?:issued|issues|served|sent) (?:a|an) notice of intent|notice of intent to (?:fine|impose)|"
    r"propos\w+ (?:a )?(?:fine|penalty)|could (?:be fined|face|see)|faces? (?:a )?(?:potential |possible )?"
    r"(?:£|fine)|facing (?:a )?(?:potential |possible )?(?:£|fine)|may be fined|potential fine", re.I)
_FINAL_RE = re.compile(
    r"has\s+decided\s+to\s+(?:issue|impose|fine|serve)|has fined|was fined|has been fined|\bfined\b|"
    r"\b(?:issued|imposed|levied)\b[^.]{0,40}\b(?:fine|penalty|reprimand|enforcement notice)|imposes?\b|"
    r"imposed\b|amount of the (?:monetary )?penalty is|penalty notice imposes|issues a reprimand|"
    # Press copy: the money is settled and owed. ("faces", "could pay" stay provisional.)
    r"\b(?:told|ordered|agreed|will|must)\s+(?:to\s+)?pay\b|\b(?:hit|slapped)\s+(?:[\w&'.,-]+\s+){0,6}?with\b|"
    r"\b(?:lands?|landed|settled|set|comes\s+in|came\s+in)\s+at\s+£|\bfinal\s+(?:penalty|fine|figure)\b|"
    r"\b(?:has|have)\s+been\s+(?:reprimanded|prosecuted|convicted|sentenced)\b|"
    # a prosecution's end: the court's order or sentence
    r"\bcourt\s+(?:has\s+)?(?:made|ordered|imposed|sentenced)\b|\bpleaded\s+guilty\b", re.I)
_REDUCED_RE = re.compile(r"reduc\w+ (?:the (?:fine|penalty) )?from\s*(£[\d.,]+\s?(?:m|million|bn)?)\s*to\s*"
                         r"(£[\d.,]+\s?(?:m|million|bn)?)|(?:fine|penalty) (?:was|has been) reduced", re.I)
_UPHELD_RE = re.compile(r"appeal (?:against [^.]{0,60})?(?:is|was|has been) dismissed|"
                        r"(?:notice|penalty|fine|decision) (?:is|was|has been) (?:upheld|confirmed)|"
                        r"(?:tribunal|court) (?:has )?upheld the (?:[\w']+ ){0,3}(?:notice|penalty|fine|decision)",
                        re.I)
# An appeal that has been made, not the right to make one: every notice ends with "you may appeal
# to the First-tier Tribunal", and a release says the company "will pay without appeal".
_APPEALED_RE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?appealed\b|\bappealed\s+(?:against|to)\b|"
                          r"\b(?:lodged|filed|launched|brought|made)\s+an\s+appeal\b|\b(?:is|are)\s+appealing\b|"
                          r"\bappeal\s+(?:is|was|remains)\s+(?:pending|ongoing|under\s+way)", re.I)
# Case-sensitive on purpose ("may" is a modal, "May" a month); sentence-initial forms listed.
_APPEAL_RIGHT_RE = re.compile(r"\b(?:may|can|could|might|would|will|shall|should|must|right|entitled|[Ii]f|"
                              r"[Ww]hether|[Uu]nless|not|never|without|[Rr]ather\s+than|[Ii]nstead\s+of|"
                              r"decided\s+against)\b")
# A tribunal's own decision names the parties to the appeal; a notice only mentions the tribunal.
_APPEAL_PARTIES_RE = re.compile(r"\bappellants?\b|\brespondents?\b", re.I)

# Words around an amount that make it something other than the penalty.
_NOT_PENALTY_BEFORE = re.compile(
    r"(?:maximum|max\.?|up to|ceiling|cap(?:ped)? (?:of|at)|turnover|revenue|income|profits?|worth|"
    r"valued at|costs?|damages|compensation|confiscation|budget|salary|spent|invest\w*|losses|"
    r"year ending|range|between|fees?|paid out|raised|sales)[^£.]{0,40}$", re.I)
_NOT_PENALTY_AFTER = re.compile(
    r"^[^£.;]{0,40}(?:turnover|revenue|in damages|compensation|confiscation|in costs|costs order|"
    r"worth of|a year|per year|per annum|annually|profit)|^\s*(?:-|to|and)\s*£", re.I)
# "reduced to £X" alone is a real reduction; it is the early-payment figure only when "if paid
# within 28 days" follows (_EARLY_AFTER) or when it is a discount.
_EARLY_BEFORE = re.compile(r"discount\w*\b[^£]{0,40}\bto\s*$|early payment[^£]{0,30}$", re.I)
# A threshold, not an amount imposed: "any penalty of over £1 million is reserved for...".
_THRESHOLD_BEFORE = re.compile(r"\b(?:over|more than|in excess of|exceed|exceeds|exceeding|above|below|under|less than|"
                               r"at least|at most)\s*$", re.I)
_EARLY_AFTER = re.compile(r"^[^.£]{0,60}\b(?:if|when|in the event|provided|should)\b[^.£]{0,60}\bpaid\b|"
                          r"^[^.£;]{0,25}\b(?:for|with|on|after|given|under|as|by)\b[^.£;]{0,15}\bearly payment|^[^.£]{0,30}\bwithin 28 days", re.I)
_PENALTY_NEAR_BEFORE = re.compile(
    r"(?:penalty|penalties|fine|fined|fining|MPN|sum|amount|totalling|pay|impose|imposing|issued|"
    r"reduced to)[^£.]{0,60}$", re.I)
_PENALTY_NEAR_AFTER = re.compile(r"^\)?\s*(?:\([^)]*\)\s*)?(?:monetary )?(?:fine|penalty|mpn)\b", re.I)
# "the £6.09m it proposed last summer", "£4m originally proposed": a figure named as the proposal.
_PROPOSED_AFTER = re.compile(r"^[^.£;]{0,25}\b(?:proposed|provisionally|originally|initially)\b", re.I)
_MULTIPLIER_RE = re.compile(r"\d\s*(?:m|mn|million|bn|billion|k)\b", re.I)
_PROPOSED_BEFORE = re.compile(r"(?:propos\w+|notice of intent|provisional\w*|intend\w*|initial\w*|"
                              r"original\w*|from)[^£.]{0,50}$", re.I)

# "also issued X with an enforcement notice", "issued a penalty of £N and an enforcement notice",
# "an enforcement notice was also served": an enforcement notice issued besides the main action.
_EN = r"enforcement\s+notice"
_ALSO_EN_RE = re.compile(
    r"\b(?:issued|served|gave|given|imposed)\b[^.]{0,40}\balso\b[^.]{0,60}\b" + _EN + r"|"
    r"\balso\s+(?:issued|served|gave|given|imposed)\b[^.]{0,80}\b" + _EN + r"|"
    r"\b(?:issued|served|gave|imposed)\b[^.]{0,80}\b(?:penalty|fine|MPN)\b[^.]{0,60}\band\s+(?:an|a)\s+" + _EN + r"|"
    r"\b" + _EN + r"\b[^.]{0,40}\b(?:was|has\s+been|were)\s+also\s+(?:issued|served|given)|"
    r"\b(?:as\s+well\s+as|alongside|in\s+addition\s+to)\s+(?:the\s+|a\s+|its\s+)?(?:monetary\s+)?(?:penalty|fine)"
    r"[^.]{0,60}\b(?:issued|served)\b[^.]{0,40}\b" + _EN, re.I)
# The converse, on an enforcement notice's page: "We fined it £50,000 and this enforcement notice
# orders it to stop", "A monetary penalty was issued the same day".
_ALSO_PENALTY_RE = re.compile(
    r"\b(?:we|ICO|Commissioner|regulator)\b[^.]{0,30}\b(?:also\s+)?fined\b|\balso\s+fined\b|"
    r"\b(?:monetary\s+penalty|fine|penalty)\b[^.]{0,20}\b(?:was|has\s+been)\s+(?:also\s+)?(?:issued|imposed|served)\b",
    re.I)
# Case-sensitive on purpose: "may" is a modal, "May" a month.
_NOT_ISSUED_RE = re.compile(r"\b(?:may|might|could|would|[Ii]f|[Uu]nless|[Ww]hether|not|intends?|intention|"
                               r"proposed|[Pp]reliminary|[Pp]rovisional)\b")
_SUBJECT_CUE_RE = re.compile(
    r"affect\w*|impact\w*|compromis\w*|stolen|exposed|taken|breach|data of|belonging to|relat\w+ to|"
    r"accessed|disclosed|leaked|exfiltrat\w+|personal (?:data|information)|records of|victims", re.I)
_PEOPLE_WORD_RE = re.compile(r"people|persons|individuals|subjects|users|customers|patients|employees|"
                             r"staff|members|children|pupils|students|residents|claimants|victims|"
                             r"holders|accounts|subscribers|applicants|citizens|clients|donors|voters|"
                             r"households|families|seekers|tenants|recipients|consumers|affected", re.I)
_COMPANY_NO_RE = re.compile(
    r"(?:compan(?:y|ies)(?: house)?|registration|registered)\s*(?:registration\s*)?"
    r"(?:no\.?|number|num)\s*[:.]?\s*(?P<no>(?:[A-Z]{2})?\d{6,8})\b", re.I)

_NAME = (r"(?P<name>[A-Z0-9][\w&'.,\-]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:[A-Z0-9&][\w&'.\-]*,?|\(UK\)|of|and|for|the|t/a|de|on|in)){0,8})")
_APPOSITIVE = r"(?:,[ \t]+[^,.;£\n]{2,120},)?"
_PARTY_PATTERNS: list[re.Pattern[str]] = [
    re.compile(r"(?i:issue[sd]?|issuing|served|serves|give[ns]?)\s+(?i:(?:a|an|the)\s+)?"
               r"(?i:(?:preliminary|provisional|final|further)\s+)?(?i:(?:monetary\s+)?"
               r"penalty(?:\s+notice)?|fine|reprimand|enforcement\s+notice|notice\s+of\s+intent|MPN)"
               r"(?:\s+on\s+\d{1,2}\s+[A-Za-z]+\s+\d{4})?\s+"
               r"(?i:to|on|against|upon)\s+(?:the\s+)?" + _NAME),
    re.compile(r"(?i:decided\s+to\s+(?:issue|fine|serve))\s+(?:the\s+)?" + _NAME),
    re.compile(r"(?i:notice|reprimand|fine|penalty)\s+(?i:is|was|has\s+been|will\s+be)\s+(?i:given|issued|served|"
               r"imposed)\s+(?i:to|on|upon)\s+(?:the\s+)?" + _NAME),
    re.compile(r"(?i:fined|fines|fining|reprimanded|reprimands|penalised|prosecuted|(?:to|intends to|plans to|"
               r"decided to) fine)\s+(?:the\s+)?" + _NAME),
    re.compile(r"(?i:impos\w+|issued)\s+(?i:an?\s+)?(?i:administrative\s+)?(?i:monetary\s+)?(?i:fine|penalty)"
               r"(?:\s+of\s+\S+(?:\s\([^)]*\))?)?\s+(?i:on|upon|against|to)\s+(?:the\s+)?" + _NAME),
    re.compile(r"(?i:fine|penalty|reprimand)\s+(?i:on|against|for)\s+(?:the\s+)?" + _NAME),
    # The party may carry an appositive: "DPP Law Ltd, based in Bootle, has been fined".
    re.compile(_NAME + _APPOSITIVE + r"\s+(?i:has\s+been|was|were|is|could\s+be|will\s+be|has)\s+(?i:been\s+)?"
               r"(?i:fined|reprimanded|penalised|served|issued\s+with|ordered|prosecuted|convicted)"),
    re.compile(_NAME + _APPOSITIVE + r"\s+(?i:faces|is\s+facing|could\s+face|has\s+been\s+hit)"),
    # Money paid to the regulator: "OneAdvanced will pay the ICO £3.09m", "X must pay a penalty".
    re.compile(_NAME + _APPOSITIVE + r"\s+(?i:will|must|is\s+to|(?:has\s+)?agreed\s+to|(?:has\s+been|was)\s+"
               r"(?:told|ordered)\s+to)\s+pay\b"),
    # A prosecution's defendant, who may be a person: "prosecution of Jane Doe", "confiscation order
    # against John Roe" (the order is the court's; the action is still the ICO's prosecution).
    re.compile(r"(?i:prosecution|conviction|confiscation\s+orders?)(?:\s+[^.;£]{0,30}?|\s+[^.;]{0,40}?£[\d.,]+"
               r"\w*)?\s+(?i:of|against)\s+(?:the\s+)?" + _NAME),
]
# Headline style, no auxiliary: "Hollins Credit Ltd fined £40,000 over texts". Only read in the
# title and the first lines: lower down such a line is a "related news" link about someone else.
_HEADLINE_RE = re.compile(_NAME + r"\s+(?i:fined|reprimanded|penalised|hit\s+with)\b")
# Possessive headline: "Acme's ICO bill lands at £3m", "Acme's data fine settled at £1m".
_HEADLINE_POSSESSIVE_RE = re.compile(_NAME + r"'s\s+(?i:ICO\s+|regulator\s+|watchdog\s+|data(?:\s+protection)?\s+)?"
                                     r"(?i:bill|fine|penalty)\b")
HEADLINE_SENTENCES = 3
# An ICO enforcement page's breadcrumb: "Action we've taken/ Enforcement/ <organisation>".
_BREADCRUMB_RE = re.compile(r"Enforcement/[ \t]*\n\s*(?P<name>[^\n/]{2,120})\n")
_TO_LINE_RE = re.compile(r"^[ \t]*(?:To|TO|(?i:organisation|data controller|controller|company)(?: name)?"
                         r"(?: and address)?)\s*:[ \t]*\n?[ \t]*(?P<name>[^\n]{2,120})", re.M)
_APPELLANT_RE = re.compile(r"Between\s*:?\s*\n\s*(?P<name>[^\n]{2,100})\n\s*(?:\(?Appellant)", re.I)
_DEFINED_RE = re.compile(r"(?P<full>[A-Z0-9][\w&'.\-]*(?:\s+(?:[A-Z0-9&][\w&'.\-]*,?|of|and|for|the)){0,8})"
                         r"\s*\(\s*(?:(?:hereafter|hereinafter|henceforth)\s+)?(?:the\s+)?[\"']?(?P<short>[A-Z0-9][\w&'.\- ]{0,40}?)[\"']?\s*\)")
_AKA_RE = re.compile(r"(?P<full>[A-Z0-9][\w&'.\-]*(?:\s+(?:[A-Z0-9&][\w&'.\-]*|of|and|for|the)){0,8})\s*[,\-(]?\s*"
                     r"(?i:now known as|trading as|t/a|formerly|often referred to as|also known as|known as)\s+"
                     r"[\"']?(?P<short>[A-Z0-9][\w&'.\-]*(?:\s+[A-Z0-9&][\w&'.\-]*){0,5})")
# "X (the controller)", "The controller X": the party a summary then calls "the controller".
_ROLE_WORDS = r"(?:data\s+)?(?:controller|processor|company|organisation|firm|trust|council|school)"
_ROLE_DEFINED_RE = re.compile(_NAME + r"\s*\(\s*[\"']?(?:the\s+)?[\"']?" + _ROLE_WORDS
                              + r"[\"']?\s*\)")
_ROLE_PREFIX_RE = re.compile(r"\b[Tt]he\s+" + _ROLE_WORDS + r",?\s+(?:is\s+|was\s+)?" + _NAME)
_ROLE_MENTION_RE = re.compile(r"\b[Tt]he\s+" + _ROLE_WORDS + r"\b(?!\s+[A-Z])")
# "X is a software company", "X has contravened...": the subject of an introduction or a finding.
_INTRO_RE = re.compile(r"^(?:The\s+)?" + _NAME + r"(?:\s*\([^)]{1,60}\))?\s+(?:is|are|was|were)\s+(?:a|an|the)\b")
_FINDING_SUBJECT_RE = re.compile(_NAME + r"(?:\s*\([^)]{1,60}\))?\s+(?:has|had|have)\s+(?:\w+\s+)?(?:contravened|"
                         r"breached|infringed|failed)\b")
# "began investigating X", "an investigation into X": the party under investigation.
_INVESTIGATED_RE = re.compile(r"(?i:investigat(?:ed|ing|e)|investigation\s+(?:into|of)|complaints?\s+"
                              r"(?:about|against))\s+(?:the\s+)?" + _NAME)
_SUFFIXED_NAME_RE = re.compile(
    r"(?P<name>(?:[A-Z0-9][\w&'.\-]*[ \t]+(?:(?:of|and|for|the|on)[ \t]+)?){1,6}"
    r"(?:Ltd|Limited|PLC|plc|LLP|Inc|CIC|Council|Trust|School|Association|Group|Company|Police|"
    r"University|College|Society|Union|Partnership|Authority|Board|Commission|Charity)\b\.?)")
_COMMON_ABBREV_RE = re.compile(r"\b[a-z]+(?: [a-z]+){1,5} \(\s*[\"']?([A-Z]{2,6})[\"']?\s*\)")
# Publications a press story credits ("as revealed by sister title Pulse"): outlets, not parties.
_OUTLET_RE = re.compile(r"(?i:sister (?:title|publication|site)|first published (?:on|in|by)|revealed by|"
                        r"reported by)\s+(?:(?i:our\s+)?(?i:sister\s+title\s+))?(?P<outlet>[A-Z][\w&'.]*"
                        r"(?:\s+[A-Z][\w&'.]*){0,3})")
_BYLINE_RE = re.compile(r"^\s*By\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][\w'-]+){1,3})\s*$", re.M)


@dataclass
class Sentence:
    """A sentence of the clean text, with the cheap tags the rules use."""

    start: int
    end: int
    text: str
    enforcement: bool
    index: int


@dataclass
class Prepared:
    """Everything computed before NER for one document."""

    original: str
    clean: CleanText
    sentences: list[Sentence]
    ner_sentences: list[Sentence]
    title: str | None
    kind: str | None
    published: str | None
    metadata: dict[str, Any] = field(default_factory=dict)


class Extractor:
    """Reads documents into `Action`s. Build once: it loads the spaCy model (about a second)."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.matcher = build_matcher(self.nlp.vocab)
        # Only NER is used; its model has its own embedding layer, so nothing else must run.
        self._disabled = [name for name in self.nlp.pipe_names if name != "ner"]

    # ---- public API -------------------------------------------------------------------------
    def extract(self, text: str, *, title: str | None = None, kind: str | None = None,
                published: str | None = None, metadata: dict[str, Any] | None = None) -> list[Action]:
        """The enforcement actions `text` reports; the first is the document's main one.

        `metadata` may carry facts a listing states (`listed_action_type`, `organisation`,
        `listed_date`): they are strong hints, never required.
        """
        prepared = self._prepare(text, title, kind, published, metadata or {})
        entities = self._entities([prepared])[0]
        return self._decide(prepared, entities)

    def extract_many(self, documents: Iterable[Document]) -> list[list[Action]]:
        """`extract` for many documents, with one batched `nlp.pipe` over all their sentences."""
        prepared = [self._prepare(d.text, d.title, d.kind, d.published, _with_outlet(d)) for d in documents]
        entities = self._entities(prepared)
        return [self._decide(p, e) for p, e in zip(prepared, entities)]

    # ---- steps --------------------------------------------------------------------------------
    def _prepare(self, text: str, title: str | None, kind: str | None, published: str | None,
                 metadata: dict[str, Any]) -> Prepared:
        ct = clean(text or "", kind=kind)
        sentences: list[Sentence] = []
        for i, (a, b) in enumerate(split_sentences(ct)):
            s = ct.text[a:b]
            if a >= ANALYSE_CHARS:
                if "£" in s or "GBP" in s:      # kept for the amount only
                    sentences.append(Sentence(a, b, s, False, i))
                continue
            sentences.append(Sentence(a, b, s, bool(ENFORCEMENT_CUE_RE.search(s)), i))
        chosen = sentences[:OPENING_SENTENCES]
        chosen += [s for s in sentences[OPENING_SENTENCES:] if s.enforcement][: MAX_NER_SENTENCES - len(chosen)]
        return Prepared(text or "", ct, sentences, chosen, title, kind, published, metadata)

    def _entities(self, prepared: list[Prepared]) -> list[list[tuple[str, int, int, Sentence]]]:
        """ORG entities (name, clean start, clean end, sentence) per document, via NER only."""
        jobs = [(i, s) for i, p in enumerate(prepared) for s in p.ner_sentences]
        out: list[list[tuple[str, int, int, Sentence]]] = [[] for _ in prepared]
        texts = (s.text[:NER_MAX_CHARS] for _, s in jobs)
        for (i, s), doc in zip(jobs, self.nlp.pipe(texts, disable=self._disabled, batch_size=64)):
            for ent in doc.ents:
                if ent.label_ == "ORG":
                    out[i].append((ent.text, s.start + ent.start_char, s.start + ent.end_char, s))
        return out

    def _decide(self, p: Prepared, orgs: list[tuple[str, int, int, Sentence]]) -> list[Action]:
        text = p.clean.text
        head = text[:4000]
        heading = _heading(head)
        listed = p.metadata.get("listed_action_type")
        # "other" is what a listing says of a news item: it names no action, so it decides nothing.
        if listed not in ACTION_TYPES or listed == "other":
            listed = None
        if not self._is_enforcement(p, heading, listed):
            return []
        if heading and listed and p.kind == "notice" and not _is_listing_heading(head, heading):
            # A notice's own heading says what it is: a PDF inherits the listed type of the page it
            # hangs off, and one page can hold two notices (an MPN and an EN issued the same day).
            action_type: str | None = heading[0]
        else:
            action_type = listed or (heading[0] if heading else None)
        status = self._status(p, heading)
        if status is None and listed:
            status = "final"      # the enforcement register lists actions taken, not proposals
        amount = self._amount(p, provisional=status == "provisional")
        if action_type is None:
            prose = _prose_type(p)
            # A court's fine in a prosecution is still a prosecution; otherwise a penalty amount
            # settles it.
            action_type = "monetary_penalty" if amount.get("amount") and prose != "prosecution" else prose
        evidence: dict[str, Evidence] = {}
        party, aliases, party_span = self._party(p, orgs)
        action = Action(organisation=party, action_type=action_type, organisation_aliases=aliases)
        if party_span:
            evidence["organisation"] = self._evidence(p, *party_span)
        if heading:
            evidence["action_type"] = self._evidence(p, heading[2], heading[3])
        # Amount and status.
        if amount.get("reduced"):
            status = "reduced"
        # Only a penalty (or a court's fine) has an amount: a figure on a reprimand or enforcement
        # notice page is some other case's, e.g. a "related news" headline.
        if action_type in ("monetary_penalty", "prosecution"):
            action.amount_gbp = amount.get("amount")
            if action.amount_gbp is not None:
                evidence["amount_gbp"] = self._evidence(p, *amount["span"])
            if status == "provisional":
                action.provisional_amount_gbp = action.amount_gbp
            elif status is not None:
                action.final_amount_gbp = action.amount_gbp
                action.provisional_amount_gbp = amount.get("proposed")
        action.status = status
        # People affected.
        subjects = self._subjects(p)
        if subjects:
            action.subjects_affected = subjects[0]
            evidence["subjects_affected"] = self._evidence(p, *subjects[1])
        # Failures.
        for code, span in self._failures(p).items():
            action.failures.append(code)
            evidence[f"failure:{code}"] = self._evidence(p, *span)
        # Date.
        date = self._date(p)
        if date:
            action.action_date = date[0]
            if date[1]:
                evidence["action_date"] = self._evidence(p, *date[1])
        m = _COMPANY_NO_RE.search(text)
        if m:
            action.company_number = m.group("no").upper()
        action.evidence = evidence
        actions = [action]
        also = self._second_action(p, action)
        if also:
            actions.append(also)
        return actions

    # ---- decisions ----------------------------------------------------------------------------
    def _second_action(self, p: Prepared, main: Action) -> Action | None:
        """The other half of a penalty + enforcement notice pair, when the text says both were issued.

        The ICO often serves a penalty and an enforcement notice on the same day ("The ICO also
        issued X with an enforcement notice", "issued a penalty of £N and an enforcement notice";
        on an EN's page, "we fined it £50,000 and this enforcement notice..."). They are two
        actions, and the linker attaches the document to each action's case. Only a sentence that
        says the other action WAS issued counts: "a fine may be imposed if the enforcement notice is
        not complied with" and a "preliminary enforcement notice" are not one.
        """
        if main.action_type == "enforcement_notice":
            second_type, cue = "monetary_penalty", _ALSO_PENALTY_RE
        elif main.action_type == "monetary_penalty":
            second_type, cue = "enforcement_notice", _ALSO_EN_RE
        else:
            return None
        for s in p.sentences[:400]:
            if not cue.search(s.text) or _NOT_ISSUED_RE.search(s.text):
                continue
            extra = Action(organisation=main.organisation, action_type=second_type,
                           status=main.status if main.status in ("appealed", "upheld") else "final",
                           action_date=main.action_date, organisation_aliases=list(main.organisation_aliases))
            extra.evidence = {"action_type": self._evidence(p, s.start, s.end)}
            if second_type == "monetary_penalty":
                # The penalty's amount only from the sentence that reports it: on an EN's page any
                # other figure may be some other case's.
                scored = [(score, m.amount) for m in find_money(s.text)
                          if m.currency == "GBP" and (score := _penalty_score(s.text, m)) is not None]
                if scored:
                    extra.amount_gbp = extra.final_amount_gbp = max(scored)[1]
                    extra.evidence["amount_gbp"] = extra.evidence["action_type"]
            if "organisation" in main.evidence:
                extra.evidence["organisation"] = main.evidence["organisation"]
            if "action_date" in main.evidence:
                extra.evidence["action_date"] = main.evidence["action_date"]
            return extra
        return None

    def _is_enforcement(self, p: Prepared, heading: tuple | None, listed: str | None) -> bool:
        """False for FOI decision notices, court cases between private parties, guidance."""
        if listed or heading:
            return True
        text = p.clean.text
        cue_sentences = sum(1 for s in p.sentences if s.enforcement)
        if p.title and ENFORCEMENT_CUE_RE.search(p.title):
            cue_sentences += 2
        foi = len(_FOI_RE.findall(text[:SCAN_CHARS]))
        if foi >= 3 and foi > cue_sentences:
            return False
        if foi < 3:
            # A regulator's finding against an organisation is an action even when the text does
            # not name the sanction ("The ICO held that the airline had failed to comply...").
            cue_sentences += sum(1 for s in p.sentences[:400] if _REGULATOR_FINDING_RE.search(s.text))
        if not _TRIBUNAL_RE.search(text[:3000]) and len(_COURT_RE.findall(text[:SCAN_CHARS])) >= 5:
            # A court case: an action only if it reports the regulator's own sanction.
            regulator_action = sum(1 for s in p.sentences if s.enforcement
                                   and re.search(r"\b(?:ICO|Commissioner)\b", s.text))
            if regulator_action < 3:
                return False
        return cue_sentences > 0

    def _status(self, p: Prepared, heading: tuple | None) -> str | None:
        text = p.clean.text
        upheld = bool(_UPHELD_RE.search(text))      # one pass over a long text, not three
        if _TRIBUNAL_RE.search(text[:3000]) and _APPEAL_PARTIES_RE.search(text[:5000]):
            return "upheld" if upheld else "appealed"
        if heading and heading[1] == "provisional":
            return "provisional"
        if upheld:
            return "upheld"
        if any("appeal" in s.text and _APPEALED_RE.search(s.text) and not _APPEAL_RIGHT_RE.search(s.text)
               for s in p.sentences[:400]):
            return "appealed"
        enforcement = [s.text for s in p.sentences if s.enforcement or _PROVISIONAL_RE.search(s.text)]
        if p.title:
            enforcement.append(p.title)
        provisional = sum(1 for s in enforcement if _PROVISIONAL_RE.search(s))
        final = sum(1 for s in enforcement if _FINAL_RE.search(s) and not _PROVISIONAL_RE.search(s))
        if heading and heading[1] == "final":
            final += 5   # a final notice recounts its notice of intent; the heading decides
        if provisional > final:
            return "provisional"
        if final:
            return "final"
        return None

    def _amount(self, p: Prepared, *, provisional: bool = False) -> dict[str, Any]:
        """The penalty in pounds, by context scoring of every GBP amount in the text.

        In a final notice an amount introduced as proposed ("the penalty he proposed was £X",
        "the notice of intent set £X") is the provisional figure, kept apart; in a provisional
        document it is the figure.
        """
        text = p.clean.text
        scores: dict[int, float] = {}
        first_span: dict[int, tuple[int, int]] = {}
        best_local: dict[int, float] = {}
        precise: dict[int, bool] = {}
        proposed: dict[int, float] = {}
        reduced: dict[str, Any] = {}
        abbreviated: dict[int, bool] = {}   # only ever written as "£3.07m": a headline's figure
        for s in p.sentences:
            if "£" not in s.text and "GBP" not in s.text and "pound" not in s.text.lower():
                continue
            for m in find_money(s.text):
                if m.currency != "GBP" or m.amount < 100:
                    continue
                score = _penalty_score(s.text, m)
                if score is None:
                    continue
                before = s.text[max(0, m.start - 60):m.start]
                after = s.text[m.end:m.end + 40]
                if not provisional and (_PROPOSED_BEFORE.search(before) and not re.search(r"\bto\s*$", before)
                                        or _PROPOSED_AFTER.search(after)):
                    proposed[m.amount] = proposed.get(m.amount, 0) + score
                    continue
                scores[m.amount] = scores.get(m.amount, 0.0) + score
                if score > best_local.get(m.amount, -1):
                    best_local[m.amount] = score
                    first_span[m.amount] = (s.start, s.end)
                precise[m.amount] = precise.get(m.amount, False) or not m.rounded
                abbreviated[m.amount] = abbreviated.get(m.amount, True) and bool(_MULTIPLIER_RE.search(m.text))
            r = _REDUCED_RE.search(s.text)
            if r and r.group(1) and not reduced:
                old, new = parse_money(r.group(1)), parse_money(r.group(2))
                if old and new and new < old:
                    reduced = {"from": old, "to": new, "span": (s.start, s.end)}
        if reduced:
            return {"amount": reduced["to"], "span": reduced["span"], "reduced": True,
                    "proposed": reduced["from"]}
        if not scores:
            return {}
        # A rounded headline ("£6m") gives its weight to the precise figure it rounds (£6.09m), and
        # so does an abbreviated one ("£3.07m") to the exact figure with more digits (£3,076,320).
        for value in sorted(scores, key=_significant_digits):
            if value not in scores:
                continue
            if precise.get(value):
                if not abbreviated.get(value):
                    continue
                matches = [v for v in scores if v != value and not abbreviated.get(v)
                           and _significant_digits(v) > _significant_digits(value) and abs(v - value) / value < 0.05]
            else:
                matches = [v for v in scores if v != value and precise.get(v) and abs(v - value) / value < 0.05]
            if matches:
                target = max(matches, key=lambda v: scores[v])
                scores[target] += scores.pop(value)
        best = max(scores, key=lambda v: (scores[v], precise.get(v, False), -first_span[v][0]))
        prop = max(proposed, key=lambda v: proposed[v]) if proposed else None
        return {"amount": best, "span": first_span[best], "proposed": prop if prop != best else None}

    def _subjects(self, p: Prepared) -> tuple[int, tuple[int, int]] | None:
        """People affected: the exact figure over a rounded one, the larger among exact ones."""
        found: list[tuple[bool, int, int, tuple[int, int]]] = []
        for s in p.sentences:
            if not re.search(r"\d", s.text) or not _PEOPLE_WORD_RE.search(s.text) \
                    or not _SUBJECT_CUE_RE.search(s.text):
                continue
            for c in find_counts(s.text, allow_bare=True):
                found.append((c.exact, c.value, -s.start, (s.start, s.end)))
        if not found:
            return None
        exact, value, _, span = max(found)
        return value, span

    def _failures(self, p: Prepared) -> dict[str, tuple[int, int]]:
        """Failure code -> the first sentence that names it (after the generic-security rule)."""
        found: dict[str, tuple[int, int]] = {}
        candidates = [s for s in p.sentences if PREFILTER_RE.search(s.text) and FINDING_RE.search(s.text)]
        candidates = candidates[:MAX_FAILURE_SENTENCES]
        for s, doc in zip(candidates, self.nlp.tokenizer.pipe(s.text for s in candidates)):
            for code, _, _ in find_failures(self.matcher, doc):
                found.setdefault(code, (s.start, s.end))
        if "inadequate_security" in found and SPECIFIC_SECURITY & found.keys():
            del found["inadequate_security"]
        if "children_data" in found and len(found) == 1:
            del found["children_data"]     # children's data qualifies a failure; alone it is none
        return {code: found[code] for code in TAXONOMY if code in found}

    def _date(self, p: Prepared) -> tuple[str, tuple[int, int] | None] | None:
        text = p.clean.text
        dated = find_dated_line(text)
        if dated:
            return dated.iso, (dated.start, dated.end)
        m = re.search(r"(?:decision given on|promulgated|date of decision|decision date)\s*:?\s*", text, re.I)
        if m:
            ds = find_dates(text[m.end():m.end() + 40])
            if ds:
                return ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end)
        if p.metadata.get("listed_date"):
            return str(p.metadata["listed_date"]), None
        head = text[:1500]
        m = re.search(r"^\s*Date\s*\n?\s*", head, re.M)
        if m:
            ds = find_dates(head[m.end():m.end() + 40])
            if ds:
                return ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end)
        if _heading(head) or p.kind == "notice":
            ds = [d for d in find_dates(head) if len(d.iso) == 10]
            if ds:
                return ds[0].iso, (ds[0].start, ds[0].end)
        if p.published:
            return p.published, None
        # A press page's own date line, right under its title and byline.
        for d in find_dates(text[:400]):
            line_start = text.rfind("\n", 0, d.start) + 1
            line_end = text.find("\n", d.end)
            line = text[line_start: line_end if line_end >= 0 else len(text)].strip()
            if line == d.text.strip() and len(d.iso) == 10:
                return d.iso, (d.start, d.end)
        return None

    def _party(self, p: Prepared, orgs: list[tuple[str, int, int, Sentence]]
               ) -> tuple[str | None, list[str], tuple[int, int] | None]:
        """The penalised party's canonical name, its other names, and where it is named."""
        text = p.clean.text
        blocked = set()
        for m in _BYLINE_RE.finditer(text[:1500]):
            blocked.add(m.group("name").lower())
        if p.metadata.get("outlet"):
            blocked.add(str(p.metadata["outlet"]).lower())
        if p.kind != "notice":
            # Only press credits outlets; in a notice "the costs reported by X" names the party.
            for m in _OUTLET_RE.finditer(text):
                blocked.add(m.group("outlet").rstrip(".").lower())
        # An abbreviation defined for a common noun phrase ("special category data (SCD)") is no name.
        for m in _COMMON_ABBREV_RE.finditer(text[:20000]):
            blocked.add(m.group(1).lower())
        tally = PartyTally(blocked={b for b in blocked})
        if p.metadata.get("organisation"):
            tally.add(str(p.metadata["organisation"]), 50.0)
        head = text[:4000]
        for m in _TO_LINE_RE.finditer(head):
            name = re.split(r"\s+(?:Of|OF)\s*:|\s{3,}|,\s+\d", m.group("name"))[0]
            tally.add(name, 30.0, _line_span(text, m.start("name")))
        for m in _APPELLANT_RE.finditer(text[:5000]):
            tally.add(_title_case(m.group("name")), 30.0, _line_span(text, m.start("name")))
        heading = _heading(head)
        if heading and not _is_listing_heading(head, heading):
            # The line under the heading often names the party ("PENALTY NOTICE / 23andMe, Inc.").
            nxt = text[heading[3]:heading[3] + 200].lstrip("\n ").split("\n", 1)[0].strip()
            if nxt and not find_dates(nxt) and not nxt.isupper() and re.match(r"[A-Z0-9]", nxt) \
                    and len(nxt) < 80 and not re.search(r"\b(?:the|is|has|was|of the)\b", nxt):
                start = text.find(nxt, heading[3])
                tally.add(nxt, 15.0, (start, start + len(nxt)))
        if p.title and p.title.strip() not in text[:len(p.title) + 400]:
            # A headline given apart from the text ("X fined £40,000"): a hint without evidence.
            for pattern in (*_PARTY_PATTERNS, _HEADLINE_RE, _HEADLINE_POSSESSIVE_RE):
                for m in pattern.finditer(p.title):
                    name = _trim_name(m.group("name"))
                    if name:
                        tally.add(name, 4.0)
        for s in p.sentences[:HEADLINE_SENTENCES]:
            for m in (*_HEADLINE_RE.finditer(s.text), *_HEADLINE_POSSESSIVE_RE.finditer(s.text)):
                name = _trim_name(m.group("name"))
                if name:
                    tally.add(name, 8.0, (s.start, s.end))
        for m in _BREADCRUMB_RE.finditer(text[:3000]):
            tally.add(m.group("name"), 20.0, _line_span(text, m.start("name")))
        for s in p.sentences:
            if not s.enforcement:
                continue
            for pattern in _PARTY_PATTERNS:
                for m in pattern.finditer(s.text):
                    name = _trim_name(m.group("name"))
                    if name:
                        tally.add(name, 8.0, (s.start, s.end))
        for s in p.sentences[:400]:
            if s.index < OPENING_SENTENCES:
                m = _INTRO_RE.search(s.text)
                if m and _trim_name(m.group("name")):
                    tally.add(_trim_name(m.group("name")), 4.0, (s.start, s.end))
            if s.index < 60:
                for m in _INVESTIGATED_RE.finditer(s.text):
                    if _trim_name(m.group("name")):
                        tally.add(_trim_name(m.group("name")), 4.0, (s.start, s.end))
            if s.enforcement or _BREACH_RE.search(s.text):
                for m in _FINDING_SUBJECT_RE.finditer(s.text):
                    if _trim_name(m.group("name")):
                        tally.add(_trim_name(m.group("name")), 4.0, (s.start, s.end))
        # Capitalised names with an organisation's legal form ("... City Council", "... Ltd"), which
        # the small NER model sometimes tags as a place or misses in OCR'd text.
        for s in p.ner_sentences:
            for m in _SUFFIXED_NAME_RE.finditer(s.text):
                name = _trim_name(m.group("name"))
                if name and len(name.split()) >= 2:
                    tally.add(name, 1.5 if s.enforcement else 1.0, (s.start, s.end))
        # "the controller" refers back to the party the text defined as the controller.
        controller = None
        for regex in (_ROLE_DEFINED_RE, _ROLE_PREFIX_RE):
            m = regex.search(text[:20000])
            if m and _trim_name(m.group("name")):
                controller = _trim_name(m.group("name"))
                start = text.rfind("\n", 0, m.start()) + 1
                tally.add(controller, 10.0, _line_span(text, m.start("name")) if start >= 0 else None)
                break
        if controller:
            mentions = sum(len(_ROLE_MENTION_RE.findall(s.text)) for s in p.sentences if s.enforcement)
            tally.add(controller, float(min(mentions, 20)))
        for name, a, b, s in orgs:
            weight = 1.0 if s.enforcement else (0.5 if s.index < OPENING_SENTENCES else 0.25)
            if _BREACH_RE.search(s.text):
                weight += 0.25
            tally.add(name, weight, (s.start, s.end))
        for regex in (_DEFINED_RE, _AKA_RE):
            for m in regex.finditer(text[:20000]):
                full, short = _trim_name(m.group("full")), _trim_name(m.group("short"))
                if full and short and full != short:
                    tally.link(full, short)
        best = tally.best()
        if best is None:
            return None, [], None
        name = best.canonical()
        aliases = sorted((n for n in best.names if n != name and not _is_tail_of(n, name)),
                         key=lambda n: (-best.names[n], n))
        return name, aliases[:8], best.evidence

    # ---- helpers ------------------------------------------------------------------------------
    def _evidence(self, p: Prepared, start: int, end: int) -> Evidence:
        a, b = p.clean.to_original(start, end)
        return Evidence(p.original[a:b], a, b)


def _with_outlet(document: Document) -> dict[str, Any]:
    """The document's metadata plus its outlet: a publisher is never the penalised party."""
    metadata = dict(document.metadata or {})
    if document.outlet and "outlet" not in metadata:
        metadata["outlet"] = document.outlet
    return metadata


def _heading(head: str) -> tuple[str, str | None, int, int] | None:
    """(action type, status, start, end) of the first action heading in a document's opening."""
    best: tuple[str, str | None, int, int] | None = None
    for regex, action_type, status in _HEADINGS:
        m = regex.search(head)
        if m and (best is None or m.start() < best[2]):
            best = (action_type, status, m.start(), m.end())
    return best


def _is_tail_of(fragment: str, name: str) -> bool:
    """'Software Group Ltd' of 'Advanced Computer Software Group Ltd': a name cut by a line break.

    Short names people use are a name's head ("Advanced"), never its tail, so a tail is noise.
    """
    return len(fragment) < len(name) and name.lower().endswith(" " + fragment.lower())


def _is_listing_heading(head: str, heading: tuple[str, str | None, int, int]) -> bool:
    """Whether the heading is an ICO page's "Type / Monetary penalties" line, not a notice's title."""
    return head[heading[2]:heading[3]].strip().lower().startswith("type")


def _prose_type(p: Prepared) -> str:
    """The action type most sentences (and the title) speak of."""
    counts = {name: 0.0 for name, _ in _PROSE_TYPES}
    for s in p.sentences:
        if not s.enforcement:
            continue
        conditional = bool(_CONDITIONAL_PENALTY_RE.search(s.text))
        for name, regex in _PROSE_TYPES:
            if name == "monetary_penalty" and conditional:
                continue
            if regex.search(s.text):
                counts[name] += 1
        # A court's fine in a prosecution: "was prosecuted and fined £300 at the magistrates' court".
        # It outweighs a headline's "fined" (a title counts 3).
        if counts["prosecution"] and _COURT_CASE_RE.search(s.text):
            counts["prosecution"] += 4
    if p.title:
        for name, regex in _PROSE_TYPES:
            if regex.search(p.title):
                counts[name] += 3
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else "other"


def _significant_digits(value: int) -> int:
    """3,076,320 -> 6; 3,070,000 -> 3: how exactly a figure was written."""
    return len(str(value).rstrip("0"))


def _penalty_score(sentence: str, m: MoneySpan) -> float | None:
    """How much the words around an amount say "this is the penalty"; None: it is not."""
    before = sentence[max(0, m.start - 70):m.start]
    after = sentence[m.end:m.end + 90]
    if _EARLY_BEFORE.search(before) or _EARLY_AFTER.search(after):
        return None
    if _NOT_PENALTY_BEFORE.search(before[-45:]) or _NOT_PENALTY_AFTER.search(after):
        return None
    if _THRESHOLD_BEFORE.search(before):
        return None
    score = 0.0
    if _PENALTY_NEAR_BEFORE.search(before):
        score += 3
    if _PENALTY_NEAR_AFTER.search(after):
        score += 3
    if re.search(r"\b(?:fine[ds]?|penalt\w+|MPN)\b", sentence, re.I):
        score += 1
    return score if score > 0 else None


def _trim_name(name: str) -> str:
    """Cut a captured capitalised run at its first sentence-like word and trailing connectors."""
    name = re.sub(r"^(?:In|On|During|After|Before|Since|By|From|Between|At|Following)\b[^,]{0,40},\s*", "", name)
    # A discourse word or date before a comma is not part of the name ("However, Ticketmaster").
    # Only when a name follows: in "Advanced, the software house" the word before the comma IS the name.
    name = re.sub(r"^[A-Z][a-z]+,\s+(?!(?:Inc|Ltd|LLP|PLC|plc|Limited)\b)(?=[A-Z0-9])", "", name)
    words = name.split()
    out: list[str] = []
    for w in words:
        if out and w[0].islower() and w not in ("of", "and", "for", "the", "t/a", "de", "on", "in"):
            break
        out.append(w)
        if w.endswith(","):
            nxt_index = len(out)
            rest = words[nxt_index:nxt_index + 1]
            if not rest or not re.match(r"(?:Inc|Ltd|LLP|PLC|plc|Limited)\b", rest[0]):
                break
    while out and out[-1].lower().strip(",") in ("of", "and", "for", "the", "t/a", "de", "on", "in"):
        out.pop()
    return clean_name(" ".join(out))


def _title_case(name: str) -> str:
    """'join the triboo LIMITED' -> 'Join The Triboo Limited' (tribunal headers shout or whisper)."""
    return " ".join(w.capitalize() if w.isalpha() else w for w in name.split())


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    """A process-wide Extractor, built on first use (the model is loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract_text(text: str, **kw: Any) -> list[Action]:
    """Convenience: `default_extractor().extract(text, **kw)`."""
    return default_extractor().extract(text, **kw)


def is_blocked_name(name: str) -> bool:
    """Exposed for tests and the linker: whether a name can never be a penalised party."""
    return is_blocked(clean_name(name))
