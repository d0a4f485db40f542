"""Who the action is against: the penalised party, its other names, and its company number.

Each `rule_*` function below reads one kind of place a text names the party (a notice's "TO:"
line, an enforcement sentence "X has been fined", an ORG entity...) and yields `Mention`s tagged
with the rule's name. How much a mention counts is data: `PARTY_WEIGHTS`, the one table of
weights (docs/EXTRACTION.md points here rather than restating it). `roles.PartyTally` groups the
names of one party and the heaviest group wins; in a press story `party_ranker.PartyRanker`, a
model fitted on labelled pages, takes a second look at the groups and may overrule it.
"""
from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.extract.dates import MONTH_NAMES, find_dates
from pipeline.extract.party_ranker import PartyRanker
from pipeline.extract.roles import NEAR_TIE, PLURAL_KINDS, Candidate, PartyTally, clean_name, norm_name
from pipeline.extract.rules.action_type import COURT_CASE_RE, Heading
from pipeline.extract.rules.document import (
    EARLIER_TIME,
    KIND_OF_PERSON,
    RECALLING_SENTENCE_RE,
    SEVERAL_CASES_RE,
    OrgMention,
    Prepared,
    Sentence,
    Span,
    line_span,
    story_year,
)
from pipeline.extract.rules.enforcement import BREACH_RE, speaks_of_enforcement
from pipeline.names import LAW_AFTER_DASH_RE

# How much one mention of a name counts, by the rule that found it. A listing's own statement of
# the organisation outweighs everything; a notice's addressee outweighs anything prose says; the
# phrasing of an enforcement sentence outweighs a bare ORG entity.
PARTY_WEIGHTS: dict[str, float] = {
    "listing_organisation": 50.0,       # metadata["organisation"]: the ICO page's own title
    "to_line": 30.0,                    # a notice's "TO:" / "Organisation name:" line
    "appellant": 30.0,                  # a tribunal's appellant, the Commissioner responding
    "breadcrumb": 20.0,                 # an ICO page's "Enforcement/ X"
    "under_heading": 15.0,              # the line under a notice heading ("PENALTY NOTICE / X")
    "defined_role": 10.0,               # "X (the controller)", "The controller, X"
    "role_mention": 1.0,                # each later "the controller" (at most ROLE_MENTION_CAP)
    "opening_headline": 8.0,            # "X fined £..." in the first HEADLINE_SENTENCES sentences
    "enforcement_pattern": 8.0,         # "issued a reprimand to X", "X has been fined"...
    "opening_enforcement_pattern": 16.0,  # the same in the opening: the story is about this party
    "recalled_enforcement_pattern": 2.0,  # the same, later, in a sentence recalling another case
    "title_headline": 4.0,              # a headline given apart from the text (no evidence)
    "introduction": 4.0,                # "X is a software company" in the opening
    "described_subject": 12.0,          # "A Kent pensions company has been fined..." then "Acme Ltd ..."
    "person_in_court": 12.0,            # "Jane Marsh, 61, was working at ..." in a story of a court case
    "investigated": 4.0,                # "an investigation into X"
    "finding_subject": 4.0,             # "X has contravened / failed"
    "listed_party": 8.0,                # an item of a list a line introduces as the parties ("The 14 firms are:")
    "kind_then_name": 2.0,              # "takeaway chain Papa John's", "Sheffield-based firm A4e" in the opening
    "based_in": 2.0,                    # "Eco Spray Insulations, based in Eastleigh, made 178,190 calls"
    "repeated_subject": 1.0,            # each opening of a sentence with a name the story keeps as its subject
    "suffixed_name_enforcement": 1.5,   # "... City Council", "... Ltd" in an enforcement sentence
    "suffixed_name": 1.0,               # the same in another NER sentence
    "org_entity_enforcement": 1.0,      # a spaCy ORG entity in an enforcement sentence
    "org_entity_opening": 0.5,          # ... in the opening
    "org_entity": 0.25,                 # ... elsewhere
    "org_entity_breach_bonus": 0.25,    # added when the entity's sentence speaks of a breach
}
ROLE_MENTION_CAP = 20
HEADLINE_SENTENCES = 3
OPENING_SENTENCES = 8
NAME_MAX_CHARS = 300     # a listing's organisation longer than this is not a name; its start is


@dataclass(frozen=True)
class Mention:
    """One place a text names a candidate party, and the rule (a key of PARTY_WEIGHTS) that found it."""

    rule: str
    name: str
    span: Span | None = None


@dataclass(frozen=True)
class PartyFinding:
    """The penalised party's canonical name, its other names, and where it is named."""

    name: str
    aliases: list[str]
    span: Span | None
    weight: float = 0.0     # what its strongest single mention weighs (see PARTY_WEIGHTS)


# ---- the patterns ------------------------------------------------------------------------------
# A name starts a word (the look-behind), so a long word is tried once, not from each letter.
# Every run is bounded ({0,60} letters a word, at most nine words, {0,8} spaces): with an open `*`
# a 30,000-letter "word" cost O(N^2) per pattern (see tests/test_extract_complexity.py).
_WORD = r"[\w&'.\-]{0,60}"          # the rest of a word after its capital: no name has a longer one
_SP = r"(?:[ \t]{1,8}|[ \t]{0,8}\n[ \t]{0,8})"
_S = r"\s{1,8}"                       # clean text never has more than two blanks in a row
_S0 = r"\s{0,8}"
NAME = (r"(?<![\w&'.,\-])(?P<name>[A-Z0-9][\w&'.,\-]{0,60}(?:" + _SP + r"(?:[A-Z0-9&]" + _WORD
        + r",?|\(UK\)|\([A-Z]{2,8}\)(?=" + _SP + r"[A-Z])|of|and|for|the|t/a|de|on|in|into)){0,8})")
# A name that ends at the first comma: one item of a list ("Oxfam, Cancer Research UK, ...").
_NAME_TO_COMMA = (r"(?<![\w&'.,\-])(?P<name>[A-Z0-9][\w&'.\-]{0,60}(?:" + _SP + r"(?:[A-Z0-9&]" + _WORD
                  + r"|\(UK\)|of|for|the|t/a|de|on|in)){0,8})(?=[ \t]{0,3}[,;]|[ \t]{1,3}and\b)")
_APPOSITIVE = r"(?:,[ \t]+(?!of\b)[^,.;£\n]{2,120},)?"
# Up to two in a row: "Munee Hut, which operated out of Eyebrow Cottage, the oldest building in Sale, was
# fined" (the name inside the clause is where the party was, not the party).
_APPOSITIVES = r"(?:,[ \t]+(?!of\b)[^,.;£\n]{2,120}(?:,[ \t]+[^,.;£\n]{2,120})?,)?"
# The short form a story defines after the name: "Independent Inquiry into Child Sexual Abuse (IICSA)".
_SHORT_FORM = r"(?:[ \t]{1,3}\([\"“']?[A-Z][\w&.'’-]{0,20}[\"”']?\))?"
# What kind of organisation a description says it is ("broadband provider", "software firm").
_KIND_OF_ORGANISATION = (r"(?:provider|firm|company|operator|retailer|giant|group|business|agency|charity|"
                         r"lender|insurer|airline|chain|broker|developer|platform|network|maker|manufacturer|"
                         r"supplier|contractor|outsourcer|consultancy|publisher|marketer|carrier|specialist|"
                         r"brand|bank|hotelier|trader|subsidiary|telco|isp|app|practice|surgery|clinic|centre|pharmacy|"
                         r"club|association|agent)")
# The party in apposition to what it is: "a fine to a London-based pharmacy, Acme Chemists, for".
_DESCRIBED_AS = r"(?:(?i:an?)\s+(?:[\w'-]{1,30}\s+){0,3}?" + _KIND_OF_ORGANISATION + r",\s+)?"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]{1,3}"    # a person's title before their name
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A person's first name and surname (and title): what court stories name the one prosecuted by.
_PERSON_NAME = r"(?:" + _TITLE + r")?[A-Z][a-z'’-]{1,30}[ \t]{1,3}[A-Z][a-z'’-]{1,30}"
PARTY_PATTERNS: dict[str, re.Pattern[str]] = {
    "issued_to": re.compile(
        r"(?i:issue[sd]?|issuing|served|serves|give[ns]?)\s+(?i:(?:a|an|the)\s+)?"
        # "issued a £50,000 fine to Virgin Media", "issued a formal reprimand to..."
        r"(?:£[\d.,]{1,20}(?:\s?(?:m|million|k|bn))?\s+|(?i:formal|record|further|second|joint|reduced|hefty|heavy|"
        r"combined|substantial|significant)\s+)?"
        # plural when one sentence serves several: "issued reprimands to Dorset Police and Kent Police"
        r"(?i:(?:preliminary|provisional|final|further)\s+)?(?i:(?:monetary\s+)?"
        r"(?:penalt(?:y|ies)(?:\s+notices?)?|fines?)|reprimands?|enforcement\s+notices?|notices?\s+of\s+intent|MPNs?|"
        # the regulator's FOI sanctions: "issued a practice recommendation to United Utilities"
        r"practice\s+recommendations?|information\s+notices?)"
        r"(?:\s+on\s+\d{1,2}\s+[A-Za-z]+\s+\d{4})?"
        # "served a Monetary Penalty Notice in the amount of £180,000 on X"
        r"(?:\s+(?i:in\s+the\s+(?:sum|amount)\s+of|of|for)\s+£[\d.,]{1,20}(?:\s?(?:m|million|k|bn))?)?\s+"
        # ("issued enforcement notices instructing Serco Leisure and the trusts to stop")
        r"(?i:to|on|against|upon|instructing|ordering|requiring)\s+(?:both\s+)?(?:the\s+)?" + _DESCRIBED_AS + NAME),
    # the party as the indirect object: "has issued Reddit a provisional notice of intent", "handed
    # Acme a £50,000 fine", "slapped Acme with a penalty"
    # ("slapped online forum Reddit on Tuesday with a fine": what it is before, the day after)
    "issued_x_a_fine": re.compile(
        r"(?i:issued|issues|issuing|handed|hands|handing|gave|gives|given|slapped|slaps)\s+(?:the\s+)?"
        r"(?:[a-z][\w-]{1,20}\s+){0,2}?" + NAME + r"(?:\s+(?i:on|last|this)\s+" + _WEEKDAY + r")?"
        + r"\s+(?i:with\s+)?(?i:a|an)\s+(?:[\w£$.,-]{1,30}\s+){0,4}?(?i:fine|penalty|reprimand|enforcement\s+notice|"
        r"notice\s+of\s+intent|monetary\s+penalty)\b"),
    # a headline's figure before the party: "ICO's £14m Reddit fine", "£500,000 Acme penalty"
    "figure_party_fine": re.compile(r"£[\d.,]{1,20}(?:[ \t]?(?:m|k|bn|million))?[ \t]{1,3}" + NAME
                                    + r"[ \t]{1,3}(?i:(?:data[ \t]{1,3})?(?:fine|penalty))\b"),
    "decided_to_issue": re.compile(r"(?i:decided\s+to\s+(?:issue|fine|serve))\s+(?:the\s+)?" + NAME),
    # ... with "was" or without ("details of a reprimand issued to NHS Lanarkshire", "The penalty, served on")
    "given_to": re.compile(
        r"(?i:notice|reprimand|fine|penalty)(?:\s+of\s+£[\d.,]{1,20}(?:\s?(?:m|million|k|bn))?)?,?\s+"
        r"(?:(?i:is|was|has\s+been|will\s+be)\s+)?(?i:given|issued|served|"
        r"imposed|handed)\s+(?i:to|on|upon)\s+(?:the\s+)?" + NAME),
    # "The latest was issued on 30th June 2022 to X for £78,400": the action's word is further back.
    "issued_on_date_to": re.compile(
        r"(?i:was|were|has\s+been)\s+(?i:issued|imposed|served)\s+(?i:on)\s+\d{1,2}(?:st|nd|rd|th)?\s+"
        r"[A-Z][a-z]{2,8}\s+\d{4}\s+(?i:to|on|upon)\s+(?:the\s+)?" + NAME),
    "fined_x": re.compile(
        r"(?i:fined|fines|fining|reprimanded|reprimands|penalised|prosecuted|(?:to|intends to|plans to|"
        # ("has fined the two owners of Tetrus Telecoms": the business they run)
        r"decided to) fine)\s+(?:the\s+)?(?:(?i:(?:two|three|both)\s+)?(?i:owners?|directors?|bosses|operators?)\s+of\s+"
        r"(?:the\s+)?)?"
        # ("has fined charities the RSPCA and the British Heart Foundation")
        r"(?:(?i:charities|companies|firms|councils|businesses|trusts|organisations)\s+(?:the\s+)?(?=[A-Z]))?"
        + _DESCRIBED_AS + NAME),
    "imposed_on": re.compile(
        r"(?i:impos\w+|issued)\s+(?i:an?\s+)?(?i:administrative\s+)?(?i:monetary\s+)?(?i:fine|penalty)"
        r"(?:\s+of\s+\S{1,40}(?:\s\([^)]{0,100}\))?)?\s+(?i:on|upon|against|to)\s+(?:the\s+)?" + NAME),
    "fine_on": re.compile(r"(?i:fines?|penalt(?:y|ies)|reprimands?)\s+(?i:on|against|to)\s+(?:the\s+)?" + _DESCRIBED_AS + NAME),
    # "The penalty for X was set at £45,000", "its fine for X to £18.4m"; not a headline's "£300,000
    # Penalty for Illegal Automated Marketing Calls", where "for" gives the reason.
    "fine_for": re.compile(r"(?i:fine|penalty)\s+(?i:for)\s+(?:the\s+)?" + NAME + r"\s+(?:was|is|has|had|to|at)\b"),
    # "X has become the third local authority in a week to be hit with a penalty", "X, which ...,
    # received a £250,000 fine"
    # ("The British Heart Foundation and the RSPCA are the first to be fined")
    "x_becomes_fined": re.compile(
        NAME + r"\s+(?:(?i:has\s+)?(?i:become|became|becomes)|(?i:is|are|was|were)(?=\s+the\s))\s+(?:[\w-]{1,30}\s+){1,8}?"
        r"(?i:to\s+be\s+)(?i:fined|hit\s+with|handed|reprimanded|served|penalised|required\s+to\s+sign)"),
    # "Oxfam is among the charities fined", "Acme was one of four firms reprimanded"
    "x_among_those_fined": re.compile(
        NAME + r"\s+(?i:is|was)\s+(?i:among|one\s+of)\s+(?:the\s+)?(?:[\w-]{1,30}\s+){0,3}?"
        r"(?i:organisations|companies|firms|charities|councils|bodies|businesses|forces|trusts|those)\s+"
        r"(?:(?i:to\s+be|being)\s+)?(?i:fined|reprimanded|penalised|prosecuted|served|issued)\b"),
    # a person named after their employer and job: "a prosecution against Rochdale Connections Trust worker,
    # Robert Morrisey, for copying ..." (the employer is no party: see _OWNER_AFTER_RE)
    "employer_worker_name": re.compile(
        r"(?i:against|fined|prosecuted|prosecuting|convicted|reprimanded)\s{1,8}(?:the\s{1,8})?(?:[A-Z][\w&'.-]{0,40}\s{1,8}){1,6}"
        r"(?i:worker|employee|nurse|receptionist|clerk|administrator),?\s{1,8}"
        r"(?P<name>" + _PERSON_NAME + r")\b"),
    # an undertaking: "The ICO has made Verity Trustees sign a formal undertaking", "required the trust
    # to sign an undertaking"
    "made_to_sign": re.compile(
        r"(?i:made|makes|required|requires|ordered|orders|forced|asked)\s+(?:the\s+)?" + NAME
        + r"\s+(?i:to\s+)?(?i:sign|give|agree\s+to|enter\s+into)\s+(?i:a|an)\s+(?i:formal\s+)?(?i:undertaking|commitment)\b"),
    # "a London barrister, Fen Marsh, signed an undertaking", "Acme Trust has signed a formal undertaking"
    # (a name that opens the clause, not the officer who signs for the party: "The retailer's managing
    # director Fen Marsh signed an undertaking", "Fenland's group chief executive, Jo Marsh, has signed")
    "x_signed_undertaking": re.compile(
        r"(?:^|(?<=, )(?<!executive, )(?<!director, )(?<!chairman, )(?<!chairwoman, )(?<!chair, )(?<!owner, )"
        r"(?<!founder, )(?<!president, )(?<!officer, )(?<!manager, )(?<!head, )(?<!principal, )(?<!headteacher, )"
        r"(?<!secretary, )|(?<=\bthat )|(?<=\n))"
        + NAME + _SHORT_FORM + _APPOSITIVES
        + r",?\s+(?:(?i:has|have|had)\s+)?(?i:signed|gave|given|agreed\s+to|entered\s+into)\s+(?i:a|an)\s+"
        r"(?i:formal\s+)?(?i:undertaking)\b"),
    "x_received_fine": re.compile(
        NAME + _SHORT_FORM + _APPOSITIVE + r"\s+(?i:has\s+)?(?i:received|receives|got|gets|incurred|incurs)\s+(?i:a|an|the|its|their)\s+(?:[\w£$.,-]{1,30}\s+){0,4}?"
        r"(?i:fine|penalty|reprimand|enforcement\s+notice|monetary)\b"),
    # "The ICO found Acme Housing to be in breach of the Act", "found that Acme had breached"
    # (without "to be" only "in breach": "The ICO has found Grampian NHS in breach of the Act")
    "found_in_breach": re.compile(
        r"(?i:found|judged|ruled)\s+(?:that\s+)?(?:the\s+)?" + NAME + r"(?:\s+(?i:to\s+be|was|were|had|has|to\s+have)\s+"
        r"(?:[a-z]{1,20}\s+){0,2}?(?i:in\s+breach|breached|contravened|failed)|\s+(?i:in\s+breach|guilty\s+of))\b"),
    # "The ICO has ordered leisure provider X to stop using facial recognition"
    "ordered_to_stop": re.compile(
        r"(?i:ordered|orders|ordering)\s+(?:the\s+)?(?:(?:[a-z][\w-]{0,30}\s+){0,3}" + _KIND_OF_ORGANISATION
        + r"\s+)?" + NAME + r"(?=[^.;]{0,160}\bto\s+(?:stop|cease|delete|destroy|erase|comply))"),
    "action_against": re.compile(r"(?i:enforcement\s+(?:action|notice)s?)\s+(?:[\w,-]{1,30}\s+){0,6}?"
                                 r"(?i:against|on|to)\s+(?:the\s+)?" + NAME),
    # a list of actions: "• Metropolitan Police Service - Enforcement notices served in June..."
    "list_item": re.compile(r"^[ \t]{0,8}(?:[•*▪◦‣–-]|\d{1,2}[.)])[ \t]{1,8}" + NAME + r"[ \t]{1,3}[-–—:][ \t]{1,3}"
                            r"(?i:(?:monetary\s+)?penalt|fine|fined|enforcement\s+notice|reprimand|prosecut)", re.M),
    # The party may carry an appositive: "DPP Law Ltd, based in Bootle, has been fined"; copy may
    # drop the "has" ("Acme Finance been fined £70,000"); a round-up's "resulted in Acme being fined".
    "x_has_been_fined": re.compile(
        # ("A Stockport Home Limited employee, Wendy Masterson, was found guilty": the comma closes the aside.)
        NAME + _SHORT_FORM + _APPOSITIVES + r"(?:,?\s+(?:which|that|who)|,)?\s+(?:(?i:has\s+been|have\s+been|had\s+been|been|being|was|were|is|could\s+be|will\s+be|has)\s+(?i:been\s+)?"
        # (a news release's "has today been reprimanded")
        r"(?i:(?:today|now|also|yesterday|this\s+(?:week|month|morning))\s+been\s+)?"
        # ("successfully prosecuted", "allegedly fined"; "recently fined" recalls another case)
        r"(?i:also\s+|now\s+|today\s+|yesterday\s+|subsequently\s+|(?!(?:recently|previously|formerly|earlier)\b)[a-z]{3,15}ly\s+)?"
        r"(?i:fined|reprimanded|penalised|served|issued\s+with|ordered|prosecuted|convicted|found\s+guilty)|(?i:has\s+)?"
        r"(?i:pleaded|pled)\s+guilty)"),
    # The sentence's subject, fined at the end of a long clause: "Acme Ltd is responsible for 15 million
    # calls and could not prove consent -- and as a result, has been fined £250,000." (No other
    # name with a legal form in between: "X said that Y has been fined" is Y's.)
    "subject_later_fined": re.compile(
        r"^(?!(?:Since|When|After|Before|While|Whilst|As|If|Although|Because|In|On|At|For|But|And|Despite|"
        r"Following|Under|During)\b)(?:[A-Z][\w'-]{1,30}(?:[ \t][A-Z][\w'-]{1,30})?-(?:based|registered)[ \t]{1,3})?" + NAME
        + r"(?=[ \t,])(?:(?!\b(?:Ltd|Limited|plc|PLC|LLP|Inc|said|says|told)\b)[^.;£\n]){20,220}?"
        r"\b(?:has|have)[ \t]{1,3}been[ \t]{1,3}(?:fined|reprimanded|penalised)\b"),
    # A round-up's parties listed in one sentence: the first is its lead ("reprimanded seven
    # organisations - the Ministry of Defence, the Home Office, ...", "Those fined include Oxfam, ...").
    "first_of_several": re.compile(
        r"(?:(?i:fined|reprimanded|penalised|prosecuted)[ \t]{1,3}(?:[\w-]{1,20}[ \t]{1,3}){0,2}?"
        r"(?i:organisations|organizations|companies|firms|councils|bodies|charities|authorities|forces|businesses|"
        r"trusts)[ \t]{0,3}[-:][ \t]{1,3}|(?i:those|organisations|companies|firms|charities|councils)[ \t]{1,3}"
        r"(?i:fined|reprimanded|penalised)[ \t]{1,3}(?i:include|included|includes)[ \t]{1,3})(?:the[ \t]{1,3})?"
        + _NAME_TO_COMMA),
    # A round-up's list in one sentence: "fines totalling £405,000 to five companies: Domestic Support
    # (£80,000), Home Sure Solutions (£100,000), ..."
    "name_then_figure": re.compile(NAME + r"[ \t]{1,3}\(£[\d.,]{1,20}(?:[ \t]?(?:m|k|bn|million))?\)"),
    # A round-up's subheading on a line of its own: "Acme Ltd fined £350,000".
    "subheading": re.compile(r"^" + NAME + r"[ \t]{1,3}(?:\([A-Z][\w&.]{1,10}\)[ \t]{1,3})?(?i:fined|reprimanded|"
                             r"penalised)[ \t]{1,3}£[\d.,]{1,20}(?:[ \t]?(?:m|k|million))?[ \t]*$"),
    # A listed figure first: "£180,000 issued against Glasgow boiler firm Acme Ltd for calls"
    "figure_issued_against": re.compile(
        r"£\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:[ \t]?(?:m|k|million))?[ \t]{1,3}(?i:(?:fine|penalty)[ \t]{1,3})?(?i:issued|imposed|levied)"
        r"[ \t]{1,3}(?i:against|on|to)[ \t]{1,3}(?:the[ \t]{1,3})?(?:(?:[A-Za-z][\w-]{0,30}[ \t]{1,3}){0,3}"
        + _KIND_OF_ORGANISATION + r"[ \t]{1,3})?" + NAME),
    # "John Smith, of Smith Estate Agents, pleaded guilty": the business the person is named for.
    # (A business has two words or more; "Usha Patwal, of Romford, was..." names a town: the person
    # is the party, see "person_of_town".)
    "person_of_business": re.compile(
        r"\b[A-Z][\w'-]{1,30}(?:[ \t]{1,3}[A-Z][\w'-]{1,30}){0,3},[ \t]{1,3}(?:the[ \t]{1,3})?(?:owner|director|"
        r"manager|boss|partner|proprietor)?[ \t]{0,3}(?:of|at|from)[ \t]{1,3}(?=[A-Z][\w&'.\-]{0,60}[ \t]{1,3}[A-Z])"
        + NAME + r",[ \t]{1,3}(?i:has\s+been|was|were|(?:has\s+)?pleaded|pled|admitted)\b"),
    "person_of_town": re.compile(
        r"(?<![\w&'.\-])(?P<name>[A-Z][\w'-]{1,30}(?:[ \t]{1,3}[A-Z][\w'-]{1,30}){1,3}),[ \t]{1,3}(?:of|from)[ \t]{1,3}"
        r"[A-Z][\w'-]{1,30},[ \t]{1,3}(?i:has\s+been|was|were|(?:has\s+)?pleaded|pled|admitted)\b"),
    # "whacking payday loans firm First Financial with a £175,000 monetary penalty"
    # (Not "a threat to hit X with a fine", "could hit X with": a threatened fine is no action.)
    "hit_x_with": re.compile(
        r"(?<!to )(?<!could )(?<!would )(?<!will )(?<!may )(?<!might )(?i:whack\w{0,4}|slap\w{0,4}|hit(?:s|ting)?|clobber\w{0,4}|wallop\w{0,4}|sting(?:s|ing)?|stung|"
        r"smack\w{0,4})\s+(?:the\s+)?(?:(?:[a-z][\w-]{0,30}\s+){0,3}" + _KIND_OF_ORGANISATION + r",?\s+)?"
        + NAME + _SHORT_FORM + r"\s+with\s+(?:a|an|the)\s+(?:[\w£$.,-]{1,30}\s+){0,4}?(?i:fine|penalty|monetary\s+penalty)\b"),
    # "TalkTalk has been handed a record £400,000 fine", "X was hit with a £1m penalty"
    "x_handed_fine": re.compile(
        NAME + _APPOSITIVE + r"\s+(?i:has\s+been|have\s+been|was|were|is|will\s+be|(?:has|have)\s+(?:today|now|also)\s+been)"
        r"\s+(?i:handed|given|hit\s+with|"
        r"slapped\s+with|served\s+with)\s+(?:[\w£$.,-]{1,30}\s+){0,5}?(?i:fine|penalty|reprimand|"
        r"enforcement\s+notice|monetary)\b"),
    # "fined British broadband provider TalkTalk", "reprimanded software firm Advanced": the name
    # after a description of what kind of organisation it is.
    "fined_described": re.compile(
        r"(?i:fined|fines|fining|reprimanded|reprimands|penalised)\s+(?:the\s+)?(?:[A-Z][\w'-]{0,30}\s+)?"
        r"(?:[a-z][\w-]{0,30}\s+){0,2}" + _KIND_OF_ORGANISATION + r",?\s+" + NAME),
    "x_faces": re.compile(NAME + _APPOSITIVE + r"\s+(?i:faces|is\s+facing|could\s+face|has\s+been\s+hit)"),
    # Money paid to the regulator: "OneAdvanced will pay the ICO £3.09m", "X must pay a penalty".
    "x_will_pay": re.compile(
        NAME + _APPOSITIVE + r"\s+(?i:will|must|is\s+to|(?:has\s+)?agreed\s+to|(?:has\s+been|was)\s+"
        r"(?:told|ordered)\s+to)\s+pay\b"),
    # A prosecution's defendant, who may be a person: "prosecution of Jane Doe", "confiscation order
    # against John Roe" (the order is the court's; the action is still the ICO's prosecution).
    "prosecution_of": re.compile(
        r"(?i:prosecution|conviction|confiscation\s+orders?)(?:\s+[^.;£]{0,30}?|\s+[^.;]{0,40}?£[\d.,]{1,20}"
        r"\w{0,12})?\s+(?i:of|against)\s+(?:the\s+)?" + NAME),
}
# Headline style, no auxiliary: "Hollins Credit Ltd fined £40,000 over texts". Only read in the
# title and the first lines: lower down such a line is a "related news" link about someone else.
HEADLINE_RE = re.compile(NAME + r"\s+(?i:fined|reprimanded|penalised|hit\s+with)\b")
# Possessive headline: "Acme's ICO bill lands at £3m", "Acme's data fine settled at £1m".
HEADLINE_POSSESSIVE_RE = re.compile(NAME + r"'s\s+(?i:ICO\s+|regulator\s+|watchdog\s+|data(?:\s+protection)?\s+)?"
                                    r"(?i:bill|fine|penalty)\b")
# A headline of the party paying: "Ticketmaster drops GDPR appeal and pays £1.25m fine", "Acme to pay
# £40,000 penalty".
HEADLINE_PAYS_RE = re.compile(NAME + r"(?:[ \t]{1,3}[\w-]{1,20}){0,4}?[ \t]{1,3}(?i:pays|to[ \t]{1,3}pay|agrees[ \t]{1,3}to[ \t]{1,3}pay)"
                              r"[ \t]{1,3}(?:(?:a|the|its)[ \t]{1,3})?£[\d.,]{1,20}(?:[ \t]?(?:m|k|bn|million))?[ \t]{1,3}"
                              r"(?:[\w-]{1,20}[ \t]{1,3}){0,2}?(?i:fine|penalty)\b")
# An ICO enforcement page's breadcrumb: "Action we've taken/ Enforcement/ <organisation>".
BREADCRUMB_RE = re.compile(r"Enforcement/[ \t]{0,8}\n\s{0,8}(?P<name>[^\n/]{2,120})\n")
TO_LINE_RE = re.compile(r"^[ \t]{0,8}(?:To|TO|(?i:organisation|data controller|controller|company)(?: name)?"
                        r"(?: and address)?)\s{0,8}:[ \t]{0,8}\n?[ \t]{0,8}(?P<name>[^\n]{2,120})", re.M)
_TO_LINE_END_RE = re.compile(r"\s+(?:Of|OF)\s*:|\s{3,}|,\s+\d")
APPELLANT_RE = re.compile(r"Between\s{0,8}:?\s{0,8}\n\s{0,8}(?P<name>[^\n]{2,100})\n\s{0,8}(?:\(?Appellant)", re.I)
# A tribunal case's name: "Doorstep Dispensaree Ltd v Information Commissioner".
# The name is the capitalised run right before " v ", which a page may break over lines.
CASE_NAME_RE = re.compile(r"\s(?:v|vs|v\.)\s{1,3}(?:[Tt]he\s{1,3})?(?:UK\s{1,3})?Information\s{1,3}Commissioner")
# ("Farrow & Ball Limited v The Information Commissioner": an ampersand joins a name's words.)
_RUN_BEFORE_RE = re.compile(r"(?<![\w&'.\-])((?:[A-Z0-9][\w&'.\-]{0,60}" + _SP + r"(?:(?:of|and|for|the|on|&)" + _SP
                            + r")?){0,7}[A-Z0-9][\w&'.\-]{0,60})$")
# "... 2018 In Basildon Borough Council v ...": the name starts after the word that cites the case.
_CITING_WORD_RE = re.compile(r"^.{0,150}?\b(?:In|See|Following|After|Per|Cf\.?)\s+(?=[A-Z0-9])")
DEFINED_RE = re.compile(r"(?<![\w&'.\-])(?P<full>[A-Z0-9]" + _WORD + r"(?:" + _S + r"(?:[A-Z0-9&]" + _WORD + r",?|of|and|for|the)){0,8})"
                        + _S0 + r"\(" + _S0 + r"(?:(?:hereafter|hereinafter|henceforth)" + _S + r")?(?:the" + _S
                        + r")?[\"']?(?P<short>[A-Z0-9][\w&'.\- ]{0,40}?)[\"']?" + _S0 + r"\)")
AKA_RE = re.compile(r"(?<![\w&'.\-])(?P<full>[A-Z0-9]" + _WORD + r"(?:" + _S + r"(?:[A-Z0-9&]" + _WORD + r"|of|and|for|the)){0,8})"
                    + _S0 + r"[,\-(]?" + _S0
                    + r"(?i:now known as|trading as|t/a|formerly|often referred to as|also known as|known as)" + _S
                    + r"[\"']?(?P<short>[A-Z0-9]" + _WORD + r"(?:" + _S + r"[A-Z0-9&]" + _WORD + r"){0,5})")
# "X (the controller)", "The controller X": the party a summary then calls "the controller".
_ROLE_WORDS = r"(?:data\s{1,8})?(?:controller|processor|company|organisation|firm|trust|council|school)"
ROLE_DEFINED_RE = re.compile(NAME + _S0 + r"\(" + _S0 + r"[\"']?(?:the" + _S + r")?[\"']?" + _ROLE_WORDS
                             + r"[\"']?" + _S0 + r"\)")
ROLE_PREFIX_RE = re.compile(r"\b[Tt]he" + _S + _ROLE_WORDS + r",?" + _S + r"(?:is" + _S + r"|was" + _S + r")?" + NAME)
ROLE_MENTION_RE = re.compile(r"\b[Tt]he" + _S + _ROLE_WORDS + r"\b(?!" + _S + r"[A-Z])")
# "X is a software company", "X has contravened...": the subject of an introduction or a finding.
INTRO_RE = re.compile(r"^(?:The" + _S + r")?" + NAME + r"(?:" + _S0 + r"\([^)]{1,60}\))?" + _S
                      + r"(?:is|are|was|were)" + _S + r"(?:a|an|the)\b")
# "The company in question, Energy Suite of Nelson, near Burnley, came to light when ..."
INTRO_APPOSITIVE_RE = re.compile(r"^(?:The|This)" + _S + r"(?:company|firm|business|organisation|charity|council|trust)"
                                 r"(?:" + _S + r"(?:in" + _S + r"question|concerned|involved|responsible))?," + _S + NAME + ",")
# A business told by where it is based, which only a business is: "First in the dock was Eco Spray
# Insulations, based in Eastleigh, Hampshire, which made 178,190 calls".
# (An appositive, set off by its comma: a list's "Acme Ltd based in Redhill; Beta Ltd in Leeds" is no
# introduction of one party.)
BASED_IN_RE = re.compile(NAME + r"," + _S + r"(?:based|headquartered|registered)" + _S + r"in" + _S + r"[A-Z]")
# A story that names its party by what it is called: "the perpetrator was a company called Prodial Ltd".
# (A product is no party: "a smartphone app called Streams".)
CALLED_RE = re.compile(r"\b(?i:an?)" + _S + r"(?:[\w'-]{1,30}" + _S + r"){0,3}?(?!(?:app|platform|brand)\b)" + _KIND_OF_ORGANISATION
                       + _S + r"(?:called|named)" + _S + NAME)
FINDING_SUBJECT_RE = re.compile(NAME + r"(?:" + _S0 + r"\([^)]{1,60}\))?" + _S + r"(?:(?:has|had|have)" + _S
                                + r"(?:\w{1,30}" + _S + r")?(?:contravened|breached|infringed|failed)|"
                                # "the ICO said the Royal Free did not comply with the Data Protection Act"
                                r"(?:did" + _S + r"not|failed" + _S + r"to)" + _S + r"comply" + _S + r"with|"
                                # "X has been found in breach of the Act", "X was found to have breached"
                                r"(?:has|have|had)" + _S + r"been" + _S + r"found" + _S + r"(?:to" + _S + r"be" + _S
                                + r")?in" + _S + r"breach|(?:was|were)" + _S + r"found" + _S + r"(?:(?:to" + _S
                                + r"be" + _S + r")?in" + _S + r"breach|to" + _S + r"have" + _S + r"breached))\b")
# The subject that escaped a sanction: "The London Borough of Southwark appears narrowly to have escaped a
# monetary penalty" (the story is about it, and about what it got instead).
ESCAPED_SUBJECT_RE = re.compile(NAME + _S + r"(?:(?:appears|seems)" + _S + r"(?:\w{1,20}" + _S + r")?to" + _S + r"have" + _S
                                + r"|(?:has|have|had)" + _S + r")?(?:narrowly" + _S + r")?(?:escaped|avoided|dodged)" + _S
                                + r"(?:a|an|the)" + _S + r"(?:[\w£.,-]{1,30}" + _S + r"){0,3}?(?:fine|penalty)\b")
# The subject of a breach in the opening: "Durham University leaked the personal details of 177
# staff", "Acme Health lost a laptop". (A name at a sentence's start, then the breach's verb.)
BREACH_SUBJECT_RE = re.compile(r"(?:^|(?<=[.!?]\s))" + NAME + r"(?:" + _S0 + r"\([^)]{1,60}\))?" + _S
                               + r"(?:has" + _S + r"|had" + _S + r")?(?:leaked|lost|exposed|disclosed|mislaid|"
                               r"misplaced|emailed|e-mailed|faxed|posted|published|revealed)\b")
# "began investigating X", "an investigation into X": the party under investigation; and the sender
# of the marketing complained of ("unsolicited calls made by X").
INVESTIGATED_RE = re.compile(r"(?i:investigat(?:ed|ing|e)|investigation\s+(?:into|of)|complaints?\s+"
                             r"(?:(?:were|was|had\s+been|have\s+been)\s+(?:made|received|lodged)\s+)?"
                             r"(?:about|against)|(?:calls|texts|text\s+messages|e-?mails)\s+(?:made|sent|placed)\s+by)"
                             r"\s+(?:the\s+)?" + NAME)
# A later sentence that recalls another, earlier case: "This comes a week after the ICO fined X",
# "It follows a £500,000 fine on X last month".
RECALLED_CASE_RE = re.compile(
    r"\b(?:comes?|came)\s+(?:\w+\s+){0,3}?(?:after|weeks?|days?|months?)\b|\b(?:follows|followed|following)\s+"
    r"(?:a|an|the|last|its|similar)\b|" + EARLIER_TIME, re.I)
SUFFIXED_NAME_RE = re.compile(
    # a word may be a bracketed qualifier before the form: "Becoming Green (UK) Ltd", "Acme (Westfield) Limited"
    r"(?<![\w&'.\-])(?P<name>(?:[A-Z0-9]" + _WORD + r"[ \t]{1,8}(?:(?:of|and|for|the|on)[ \t]{1,8}){0,2}){1,6}"
    r"(?:\([A-Z][\w&'-]{0,24}\)[ \t]{1,8})?"
    r"(?:Ltd|Limited|PLC|plc|LLP|Inc|CIC|Council|Trust|School|Association|Group|Company|Police|"
    r"University|College|Society|Union|Partnership|Authority|Board|Commission|Charity)\b\.?|"
    # the form named before the place: "London Borough of Hammersmith and Fulham"
    r"(?:(?:London|Royal|Metropolitan)[ \t]{1,3})?Borough[ \t]{1,3}of(?:[ \t]{1,3}(?:and|upon|on)?[ \t]{0,3}"
    r"[A-Z][\w'-]{1,30}){1,4})")
COMMON_ABBREV_RE = re.compile(r"\b[a-z]{1,40}(?: [a-z]{1,40}){1,5} \(" + _S0 + r"[\"']?([A-Z]{2,6})[\"']?" + _S0 + r"\)")
# Publications a press story credits ("as revealed by sister title Pulse"): outlets, not parties.
OUTLET_RE = re.compile(r"(?i:sister (?:title|publication|site)|first published (?:on|in|by)|revealed by|"
                       r"reported by)" + _S + r"(?:(?i:our" + _S + r")?(?i:sister" + _S + r"title" + _S + r"))?(?P<outlet>[A-Z][\w&'.]{0,60}"
                       r"(?:" + _S + r"[A-Z][\w&'.]{0,60}){0,3})")
BYLINE_RE = re.compile(r"^\s{0,8}By" + _S + r"(?P<name>[A-Z][a-z]{1,40}(?:" + _S + r"[A-Z][\w'-]{1,40}){1,3})" + _S0 + r"$", re.M)
COMPANY_NO_RE = re.compile(
    r"(?:compan(?:y|ies)(?: house)?|registration|registered)\s{0,8}(?:registration\s{0,8})?"
    r"(?:no\.?|number|num)\s{0,8}[:.]?\s{0,8}(?P<no>(?:[A-Z]{2})?\d{6,8})\b", re.I)
_LINE_UNDER_HEADING_PROSE_RE = re.compile(r"\b(?:the|is|has|was|of the)\b")
_LEADING_PHRASE_RE = re.compile(r"^(?:In|On|During|After|Before|Since|By|From|Between|At|Following)\b[^,]{0,40},\s*")
_LEADING_DISCOURSE_RE = re.compile(r"^[A-Z][a-z]+,\s+(?!(?:Inc|Ltd|LLP|PLC|plc|Limited)\b)(?=[A-Z0-9])")
_LEGAL_FORM_RE = re.compile(r"(?:Inc|Ltd|LLP|PLC|plc|Limited)\b")
_LEGAL_FORM_STOP_RE = re.compile(r"(?<=\b(?:Ltd|LLP|PLC|plc|Inc))\.[ \t\n]{1,8}(?=[A-Z])|(?<=\bLimited)\.[ \t\n]{1,8}(?=[A-Z])")
_CONNECTORS = ("of", "and", "for", "the", "t/a", "de", "on", "in", "into")


# ---- name helpers ------------------------------------------------------------------------------
# Names as a person writes them. Each rule below removes one kind of thing a capitalised run
# picks up around a name ("CT20 3SE 1. Saga Services Limited", "PECR. Thermotech Ltd",
# "Leeds-based Brazier Consulting Ltd", "2016-10-05 TalkTalk", "Easylife Limited in October 2022").
_MONTHS = (r"(?:" + MONTH_NAMES + r"|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
NAME_PREFIX_RULES: dict[str, re.Pattern[str]] = {
    # the office that answers for a force: "the Chief Constable of Staffordshire Police" is the force's
    "office_of": re.compile(r"^(?:[Tt]he[ \t]{1,3})?Chief[ \t]{1,3}Constable[ \t]{1,3}of[ \t]{1,3}(?:the[ \t]{1,3})?(?=[A-Z])"),
    # ... and a body's own department: "the Children's Services Department of Fenland County Council"
    # is the council's (not "Department of Justice", whose rest names no body of its own)
    "department_of": re.compile(r"^(?:[Tt]he[ \t]{1,3})?(?:[A-Z][\w'’&-]{0,30}[ \t]{1,3}){0,4}"
                                r"(?:Department|Directorate|Division|Team|Unit)[ \t]{1,3}(?:of|at)[ \t]{1,3}(?:the[ \t]{1,3})?"
                                r"(?=(?:[A-Z][\w'’&-]{0,30}[ \t]{1,3}){1,5}(?:Council|Trust|Police|Constabulary|University|"
                                r"Board|Authority)$)"),
    # a UK postcode from the address block above the name
    "postcode": re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?[ \t]{0,3}\d[A-Z]{2}\b[,.]?[ \t]{1,8}"),
    # the law a sentence ended with: "... under PECR. Thermotech Ltd ..."
    "statute": re.compile(r"^(?:PECR|UK GDPR|GDPR|DPA(?: 2018)?|FOIA|EIR|NIS)\b[.:,;]?[ \t]{1,8}(?=[A-Z0-9])"),
    # "Leeds-based", "London based", "Bedfordshire-registered"
    "based": re.compile(r"^(?:[A-Z][\w'.&]{0,40}[- ]){1,3}(?:based|registered|headquartered)[ \t]{1,8}(?=[A-Z0-9])", re.I),
    # a figure the capture began with: "fined £90,000 and Telecom Protection Service, based in ..."
    "figure": re.compile(r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d[\d.]*(?=[ \t]{1,3}(?:and|or)\b))"
                         r"(?:[ \t]{1,3}(?:and|or))?[ \t]{1,8}(?=[A-Z])"),
    # a date or a day before the name: "2016-10-05 TalkTalk", "5 June 2024 Acme", "Monday Acme"
    # (a bare month is not cut: "May Gurney Ltd" is a name)
    "date": re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}(?:st|nd|rd|th)?[ \t]{1,3}"
                       + _MONTHS + r"(?:,?[ \t]{1,3}\d{4})?|" + _MONTHS
                       + r"(?:[ \t]{1,3}\d{1,2}(?:st|nd|rd|th)?)?,?[ \t]{1,3}\d{4}|"
                       r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))[,:]?[ \t]{1,8}(?=[A-Z0-9])"),
    # paragraph numbering: "1.", "2.3", "(a)", "iv)" (read after the date: "1 February Kavitha
    # Karthikesu" is a day and a month, not item 1 of a list)
    "numbering": re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|\(?[a-z]{1,4}\))[ \t]{1,8}(?=[A-Z0-9])"),
    # a time phrase that opened the sentence: "In July Acme Financial was fined", "Since May 2019 Acme"
    "time_phrase": re.compile(r"^(?:In|On|By|Since|During|From|Until|Last|Early|Late|Mid)[ \t]{1,3}"
                              r"(?:\d{1,2}(?:st|nd|rd|th)?[ \t]{1,3})?" + _MONTHS + r"(?:[ \t]{1,3}\d{4})?,?[ \t]{1,8}(?=[A-Z0-9])"),
    # a country's possessive: "the UK's Independent Inquiry into ...", "Britain's biggest lender Acme"
    "country_possessive": re.compile(r"^(?:UK|Britain|Scotland|England|Wales|Ireland|London)['’]s[ \t]{1,8}"
                                     r"(?:(?:[a-z][\w-]{0,30}[ \t]{1,8}){1,3})?(?=[A-Z0-9])"),
    # a quantifier that opened the clause: "Both Fenland Police and Marsh Police were reprimanded"
    "quantifier": re.compile(r"^(?:Both|Either|Neither|Each)[ \t]{1,8}(?=[A-Z0-9])"),
    # a subordinating word that opened the clause: "While TVP was reprimanded..."
    "subordinator": re.compile(r"^(?:While|Whilst|Although|Though|Whereas|Meanwhile|Because|Unless|Once)"
                               r"[ \t]{1,8}(?=[A-Z0-9])"),
    # a person's age before their name: "39-year-old Mr Jon Reed"
    "age": re.compile(r"^\d{1,3}[- ]years?[- ]old[ \t]{1,8}(?=[A-Z])", re.I),
    # a link's words before the name: "View PDF of the Acme Trust Undertaking"
    # (at least one such word: "Open University" is a name)
    "link_text": re.compile(r"^(?:View|Download|Open|Read)(?:[ \t]{1,3}(?:the|a|PDF|pdf|full|text|copy)){1,3}"
                            r"(?:[ \t]{1,3}of(?:[ \t]{1,3}the)?)?[ \t]{1,3}(?=[A-Z0-9])"),
    # a headline's question or label word: "What", "Exclusive:", "Breaking"
    "headline_word": re.compile(r"^(?:What|Why|How|When|Who|Where|Exclusive|Breaking|Update|Updated|Revealed|"
                                r"Analysis|Comment|Opinion|Watch|Listen|Explainer|News|Insight|Briefing)\b[:,]?"
                                r"[ \t]{1,8}(?=[A-Z0-9])"),
}
NAME_SUFFIX_RULES: dict[str, re.Pattern[str]] = {
    # a date after the name: "Easylife Limited in October 2022", "Acme Ltd on 5 June 2024", "Acme 2019"
    "date": re.compile(r"(?:[ \t]{1,8}(?:in|on|of|from|since|during|by))?[ \t]{1,8}(?:\d{1,2}(?:st|nd|rd|th)?[ \t]{1,3})?"
                       + _MONTHS + r"\b(?:[ \t]{1,3}\d{1,2}(?:st|nd|rd|th)?)?,?(?:[ \t]{1,3}\d{4})?$|"
                       r"(?:[ \t]{1,8}(?:in|on|from|since|during|by))?[ \t]{1,8}(?:19|20)\d{2}$|"
                       # ... or a day: "Reddit on Tuesday"
                       r"[ \t]{1,8}(?:on|last|this)[ \t]{1,8}" + _WEEKDAY + r"$"),
    # where a company is, after its legal form: "Acme Ltd of Middlesbrough", "Acme Ltd in Crewe"
    "place": re.compile(r"(?:(?<=\bLtd)|(?<=\bLLP)|(?<=\bPLC)|(?<=\bplc)|(?<=\bLimited))\.?[ \t]{1,8}(?:of|in|from|based[ \t]{1,3}in)"
                        r"(?:[ \t]{1,8}[A-Z][\w'-]{1,30}){1,3}$"),
    # where a venue is, after its name: "Bridlington Lodge Care Home in Yorkshire" (not "Friends in
    # Need"; a person's home is cut below, a company's after its legal form above)
    "in_place": re.compile("(?:" + "|".join(f"(?<=\\b{kind})" for kind in (
        "Home", "Market", "School", "Surgery", "Practice", "Clinic", "Centre", "Center", "Hospital", "Hotel",
        "Pharmacy", "Store", "Shop", "Club", "Academy", "College", "Nursery", "Garage", "Agency",
        # ... and a public body's: "Powys County Council in Wales"
        "Council", "Trust", "Board", "Authority", "Police", "Force", "Constabulary", "University"))
        + r")[ \t]{1,8}in[ \t]{1,8}[A-Z][\w'-]{1,30}(?:[ \t]{1,3}[A-Z][\w'-]{1,30})?$"),
    # a Title Case headline's verb and what follows: "Grampian Health Board Ordered to ..."
    "headline_verb": re.compile(r"[ \t]{1,8}(?:Ordered|Fined|Told|Slapped|Reprimanded|Penalised|Warned|Rapped|"
                                r"Censured|Handed|Hit[ \t]{1,3}(?:With|By))\b(?:[ \t]{1,8}[\w'’&.,-]{1,40}){0,8}$"),
    # ... and a Title Case headline's auxiliary verb: "Department for Education Should Have Been Fined"
    "headline_auxiliary": re.compile(r"[ \t]{1,8}(?:Should|Could|Would|Has|Have|Had|Is|Are|Was|Were|Been)"
                                     r"(?:[ \t]{1,8}[\w'’&.,-]{1,40}){0,8}$"),
    # the action a document title names after the party: "Acme Trust Undertaking", "Acme Ltd Monetary
    # Penalty Notice"
    "action": re.compile(r"[ \t]{1,8}(?:Undertaking|Enforcement[ \t]{1,3}Notice|(?:Monetary[ \t]{1,3})?Penalty"
                         r"(?:[ \t]{1,3}Notice)?|Reprimand)$"),
    # the law a register's title names after a dash: "Rizwan Manjra – Proceeds of Crime Act"
    "law_after_dash": LAW_AFTER_DASH_RE,
    # a connector and a number after the name: "Northgate Broadband for 450,000 emails"
    "number": re.compile(r"[ \t]{1,8}(?:for|of|and|in|on|to|with|over)[ \t]{1,8}\d[\d,.]{0,30}$"),
    # the law a notice cites after the name: "contraventions by the Fenland Office of Articles 5(1)(f)"
    "law_reference": re.compile(r"[ \t]{1,8}of[ \t]{1,8}(?:Articles?|Regulations?|Sections?|Schedules?|Principles?)$"),
    # the figure after the name: "fined the Police Service of Northern Ireland GBP 75,000", "Acme £40k"
    "amount": re.compile(r"[ \t]{1,8}(?:GBP|EUR|USD|£|€|\$)[ \t]{0,3}[\d.,]{0,30}$"),
}
# A title says a name is a person's; a place after it is where they live, not part of the name
# (only for a person: "Bank of Ireland" keeps its place).
PERSON_TITLE_RE = re.compile(_TITLE + r"[A-Z]")
PERSON_HOME_RE = re.compile(r"[ \t]{1,8}(?:of|from)(?:[ \t]{1,8}[A-Z][\w'-]{1,30}){1,3}$")
# Words that are never a party on their own, though a text capitalises them anywhere (so
# `capitalised_only_by_grammar` cannot tell): a nationality or a place's adjective ("British" of
# "British outsourcing firm Capita"), a day ("handed down the fine on Monday"), a time zone, what
# numbers a notice ("the Second Enforcement Notice", "a Preliminary Enforcement Notice"), a
# headline's kicker, often in capitals ("EXCLUSIVE: ..."), and words no dictionary holds
# ("COVID-19", a law report's "Pearson & Anor", "and another").
NOT_A_NAME = frozenset({
    "british", "english", "scottish", "welsh", "irish", "northern irish", "american", "european", "french",
    "german", "dutch", "chinese", "russian", "italian", "spanish", "swedish", "danish", "indian", "japanese",
    "australian", "canadian", "uk based",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "gmt", "bst", "utc",
    "first", "second", "third", "fourth", "final", "formal", "further", "new", "preliminary",
    "exclusive", "breaking", "pdf", "covid-19", "covid", "coronavirus", "freedom of information", "anor", "whilst",
})


_SHARE_OF_RE = re.compile(r"(?:Some|Many|Most|All|Several|Both|Each|One|Two|Three|Four|Five|None)[ \t]{1,3}of\b")
_OPEN_BRACKET_RE = re.compile(r"[ \t]{1,8}\([^()]{0,80}$")


def tidy_name(name: str) -> str:
    """A captured name as a person would write it: without the things NAME_*_RULES describe."""
    name = " ".join(name.split())[:NAME_MAX_CHARS]
    # a bracket the capture left open: "Acme Trust Undertaking (Breach Watch Archive"
    name = _OPEN_BRACKET_RE.sub("", name)
    changed = True
    while changed and name:
        changed = False
        for rule in NAME_PREFIX_RULES.values():
            cut = rule.sub("", name, count=1)
            if cut != name and cut:
                name, changed = cut, True
        for rule in NAME_SUFFIX_RULES.values():
            cut = rule.sub("", name, count=1).rstrip(" ,")
            if cut != name and cut:
                name, changed = cut, True
    if PERSON_TITLE_RE.match(name):
        name = PERSON_HOME_RE.sub("", name)     # "Mr Jon Reed of Cardiff Bay": where a person lives
    if re.fullmatch(_MONTHS + r"(?:[ \t]{1,3}\d{4})?", name.strip(" .,:")):
        return ""       # "April": a month NER took for an organisation
    if _SHARE_OF_RE.match(name):
        return ""       # "Some of Britain's biggest charities": a share of many, no party
    if "_" in name:
        return ""       # a picture's file name ("Norwegian_Air") glued to the story
    if re.fullmatch(_KIND_OF_ORGANISATION, name.lower().strip(" .,:")):
        return ""       # a headline's "Retailer fined after ...": what the party is, not who
    return "" if name.lower().strip(" .,:'\"") in NOT_A_NAME else name


MIN_WORDS_BEFORE_A_NEW_SUBJECT = 3


def trim_name(name: str) -> str:
    """Cut a captured capitalised run at its first sentence-like word and trailing connectors."""
    if _DASH_THEN_VERB_RE.search(name):
        return ""       # "... referring to as Brexit—has been fined": an aside's last word, the subject is before it
    # "... fine to Acme Ltd. Beta Ltd has been fined": the legal form's full stop ended the sentence.
    name = _LEGAL_FORM_STOP_RE.split(name, maxsplit=1)[0]
    name = _LEADING_PHRASE_RE.sub("", name)
    # A discourse word or date before a comma is not part of the name ("However, Ticketmaster").
    # Only when a name follows: in "Advanced, the software house" the word before the comma IS the name.
    name = _LEADING_DISCOURSE_RE.sub("", name)
    words = name.split()
    out: list[str] = []
    for w in words:
        if out and w[0].islower() and w not in _CONNECTORS:
            break
        out.append(w)
        if w.endswith(","):
            nxt_index = len(out)
            rest = words[nxt_index:nxt_index + 1]
            if not rest or not _LEGAL_FORM_RE.match(rest[0]):
                break
    while out and out[-1].lower().strip(",") in _CONNECTORS:
        out.pop()
    # A headline run into the next line's subject: "... Data Breach Exposing 502 Claimants / The Post
    # Office has been reprimanded" (not "Join The Triboo Limited": a short run before "The" is the name's)
    article = max((i for i, w in enumerate(out) if w == "The"), default=0)
    if article >= MIN_WORDS_BEFORE_A_NEW_SUBJECT:
        out = out[article + 1:]
    if len(out) > 1 and re.fullmatch(r"\d{1,3},|\d{1,3}\.\d{1,3}", out[-1]):
        out.pop()       # a figure's thousands or decimals: "Tetrus Telecoms 440,000 pounds", "Acme 1.39 million euros"
    return clean_name(" ".join(out))


_DASH_THEN_VERB_RE = re.compile(r"[-–—](?:has|have|had|was|were|is|are)$")
_TIME_BEFORE_RE = re.compile(r"\b(?:[Ii]n|[Oo]n|[Dd]uring|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)"
                             r"[ \t]{1,8}$")
_MONTH_WORD_RE = re.compile(r"^" + _MONTHS + r"\.?[ \t]{1,8}(?=[A-Z0-9])")


# What a parent company follows: "Fenland Managing Agency, part of Marsh Group, lost a disk".
_PARENT_BEFORE_RE = re.compile(r"\b(?:part[ \t]{1,3}of|owned[ \t]{1,3}by|(?:a[ \t]{1,3})?subsidiary[ \t]{1,3}of|"
                               r"a[ \t]{1,3}division[ \t]{1,3}of)[ \t]{1,3}(?:the[ \t]{1,3})?$")
# A line about the author or a person quoted, and who employs them: "Jane Marsh, CIPP/E, is a privacy
# and information adviser at Fenland Law LLP." Its organisation is never the party.
_AUTHORS_EMPLOYER_RE = re.compile(r"^(?:[A-Z][\w'’-]{1,30}[ \t]{1,3}){1,3}?[A-Z][\w'’-]{1,30},?(?:[ \t]{1,3}[A-Z][\w/.-]{1,12},)?"
                                  r"[ \t]{1,3}is[ \t]{1,3}(?:an?|the)[ \t]{1,3}[^.;]{0,80}?\b(?:at|with)[ \t]{1,3}[A-Z]")
# "fines Kent pensions company", "fined London firm": the capitalised word describes the kind of
# organisation (its place), it is not its name.
# So does a plural kind right after the words ("fines Newcastle & Bristol companies"); with words
# between, it is another noun phrase ("X, Y and seven community trusts").
_DESCRIBES_KIND_AFTER_RE = re.compile(r"^[ \t]{1,8}(?:(?:[a-z][\w-]{0,30}[ \t]{1,8}){0,2}" + _KIND_OF_ORGANISATION
                                      + r"|(?:" + "|".join(sorted(PLURAL_KINDS)) + r"))\b")


# "fines Imgur owner", "Acme's parent company was fined": the party is another, named elsewhere.
# ("a prosecution against Rochdale Connections Trust worker, Robert Morrisey": the person's employer)
_OWNER_AFTER_RE = re.compile(r"^(?:['’]s)?[ \t]{1,3}(?:owner|owners|parent|boss|founder|chief|operator|worker|employee|"
                             r"nurse|receptionist|clerk|administrator)\b")


# ("a firm in the West Midlands has been fined": the article too)
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:in|at|from|of|near|for|with|by|on)[ \t]{1,3}(?:the[ \t]{1,3})?"
                                    # ("a headteacher in south London, was fined")
                                    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
                                    r"inner|outer|rural)[ \t]{1,3})?$")
# ... but "resulted in Acme being fined": the "in" of a verb.
_RESULTED_IN_BEFORE_RE = re.compile(r"\bresult(?:s|ed|ing)?[ \t]{1,3}in[ \t]{1,3}$")
_COMPANY_FORM_RE = re.compile(r"\b(?:Ltd|Limited|PLC|plc|LLP|Inc)\b")
_OF_BEFORE_RE = re.compile(r"\bof[ \t]{1,3}(?:the[ \t]{1,3})?$")


# "Capita and its subsidiary ...": what follows "and its" is the party's own body.
_ITS_AFTER_RE = re.compile(r"^[ \t]{1,3}its\b")
# A public body's kind in lower case after its place: "Hertfordshire county council", "Croydon council".
_LOWER_CASE_BODY_AFTER_RE = re.compile(r"^[ \t]{1,3}(?:(?:county|city|borough|district|town|parish)[ \t]{1,3})?council\b")


def _without_a_leading_month(name: str, before: str) -> str:
    """ "Fenland Council" of "in June Fenland Council was reprimanded": a month after a time word
    (`before` is the text up to the name) is when, not part of the name, as "May" of "May Gurney
    Ltd" is."""
    if _TIME_BEFORE_RE.search(before[-12:]):
        return _MONTH_WORD_RE.sub("", name, count=1)
    return name


def captured_name(text: str, m: re.Match[str], group: str = "name") -> str:
    """The trimmed name a pattern captured, without a month the sentence put before it ("in June 23andMe").

    Empty when the capitalised words only describe a kind of organisation ("fines Kent pensions company").
    """
    name = m.group(group)
    after = text[m.end(group):m.end(group) + 80]
    # (not the party and a body of its own: "a £14m penalty against Capita and its subsidiary ..."; but
    # "fined Mark Zuckerberg and the company": the company is the party)
    if (_DESCRIBES_KIND_AFTER_RE.match(after) or _OWNER_AFTER_RE.match(after)) \
            and not (name.endswith(" and") and _ITS_AFTER_RE.match(after)):
        return ""
    before = text[max(0, m.start() - 12):m.start()]
    if m.start(group) == m.start() and _PREPOSITION_BEFORE_RE.search(before) \
            and not _MONTH_WORD_RE.match(name) \
            and not _RESULTED_IN_BEFORE_RE.search(text[max(0, m.start() - 20):m.start()]) \
            and not (_COMPANY_FORM_RE.search(name) and _OF_BEFORE_RE.search(before)):
        # "a receptionist at a surgery in Southampton has been prosecuted": the place; "a trainee at
        # Acme Ltd, Jo Bloggs, has been fined": the employer (but "the case of Acme Ltd, who were
        # fined" names a company)
        return ""
    name = _without_a_leading_month(name, text[:m.start(group)])
    body = _LOWER_CASE_BODY_AFTER_RE.match(after)
    if body and " " not in name.strip():
        # "served the penalty on Hertfordshire county council": a place and its council, in lower case
        name = f"{name.strip()} {title_case(' '.join(body.group(0).split()))}"
    return trim_name(name)


def title_case(name: str) -> str:
    """'join the triboo LIMITED' -> 'Join The Triboo Limited' (tribunal headers shout or whisper)."""
    return " ".join(w.capitalize() if w.isalpha() else w for w in name.split())


def is_tail_of(fragment: str, name: str) -> bool:
    """'Software Group Ltd' of 'Advanced Computer Software Group Ltd': a name cut by a line break.

    Short names people use are a name's head ("Advanced"), never its tail, so a tail is noise.
    """
    return len(fragment) < len(name) and name.lower().endswith(" " + fragment.lower())


# ---- the rules, in the order their mentions are tallied ----------------------------------------
def blocked_names(p: Prepared) -> set[str]:
    """Names in this text that are never its party: the byline, the outlet, common-noun abbreviations."""
    text = p.clean.text
    blocked = set()
    for m in BYLINE_RE.finditer(text[:1500]):
        blocked.add(m.group("name").lower())
    if p.metadata.get("outlet"):
        blocked.add(str(p.metadata["outlet"]).lower())
    if p.kind != "notice":
        # Only press credits outlets; in a notice "the costs reported by X" names the party.
        for m in OUTLET_RE.finditer(text):
            blocked.add(m.group("outlet").rstrip(".").lower())
    # An abbreviation defined for a common noun phrase ("special category data (SCD)") is no name.
    for m in COMMON_ABBREV_RE.finditer(text[:20000]):
        blocked.add(m.group(1).lower())
    # The regulator's own people: "John Edwards, who leads the ICO, has reprimanded seven organisations".
    for m in REGULATOR_PERSON_RE.finditer(text[:20000]):
        blocked.add((m.group("name") or m.group("after")).lower())
    return blocked


_OFFICIAL_NAME = r"[A-Z][a-z'’-]{1,30}(?:[ \t]{1,3}[A-Z][a-z'’-]{1,30}){1,2}"
# (an appositive, closed by its comma: "Fenland Constabulary, the Information Commissioner said" is the
# end of a quote's attribution)
REGULATOR_PERSON_RE = re.compile(
    r"(?<![\w'-])(?P<name>" + _OFFICIAL_NAME + r"),[ \t]{1,3}(?:the|who[ \t]{1,3}(?:leads|heads|runs)[ \t]{1,3}the)[ \t]{1,3}"
    r"(?:UK[ \t]{1,3})?(?:(?:Deputy|Assistant)[ \t]{1,3})?(?:Information[ \t]{1,3}Commissioner(?:['’]s[ \t]{1,3}Office)?|ICO)"
    r"(?:[ \t]{1,3}\((?:ICO|the[ \t]{1,3}ICO)\))?,|"
    r"\b(?:Information|Deputy|Assistant)[ \t]{1,3}Commissioner,?[ \t]{1,3}(?P<after>" + _OFFICIAL_NAME + r")\b")


def rule_listing(p: Prepared) -> Iterator[Mention]:
    """The organisation a listing states (an ICO register page's title)."""
    if p.metadata.get("organisation"):
        yield Mention("listing_organisation", str(p.metadata["organisation"])[:NAME_MAX_CHARS])


def rule_notice_addressee(p: Prepared, heading: Heading | None) -> Iterator[Mention]:
    """A notice's "TO:" line, a tribunal's appellant, the line under a notice heading."""
    text = p.clean.text
    head = text[:4000]
    for m in TO_LINE_RE.finditer(head):
        name = _TO_LINE_END_RE.split(m.group("name"))[0]
        yield Mention("to_line", name, line_span(text, m.start("name")))
    for m in APPELLANT_RE.finditer(text[:5000]):
        yield Mention("appellant", title_case(m.group("name")), line_span(text, m.start("name")))
    for m in CASE_NAME_RE.finditer(text[:5000]):
        run = _RUN_BEFORE_RE.search(text[max(0, m.start() - 150):m.start()])
        name = trim_name(_CITING_WORD_RE.sub("", " ".join(run.group(1).split()))) if run else ""
        if name:
            yield Mention("appellant", name, line_span(text, m.start() - len(run.group(1)) if run else m.start()))
    if heading and not heading.is_listing(head):
        # The line under the heading often names the party ("PENALTY NOTICE / 23andMe, Inc.").
        nxt = text[heading.end:heading.end + 200].lstrip("\n ").split("\n", 1)[0].strip()
        if nxt and not find_dates(nxt) and not nxt.isupper() and re.match(r"[A-Z0-9]", nxt) \
                and len(nxt) < 80 and not _LINE_UNDER_HEADING_PROSE_RE.search(nxt):
            start = text.find(nxt, heading.end)
            yield Mention("under_heading", nxt, (start, start + len(nxt)))


def _line_of(text: str, at: int) -> str:
    """The line of `text` that holds position `at`."""
    return text[:at].rsplit("\n", 1)[-1] + text[at:].split("\n", 1)[0]


def rule_headlines(p: Prepared) -> Iterator[Mention]:
    """ "X fined £..." in a title given apart from the text, and in the text's first lines."""
    text = p.clean.text
    if p.title and p.title.strip() not in text[:len(p.title) + 400]:
        # A headline given apart from the text ("X fined £40,000"): a hint without evidence.
        for pattern in (*PARTY_PATTERNS.values(), HEADLINE_RE, HEADLINE_POSSESSIVE_RE, HEADLINE_PAYS_RE):
            for m in pattern.finditer(p.title):
                name = trim_name(m.group("name"))
                if name:
                    yield Mention("title_headline", name)
    for s in p.sentences[:HEADLINE_SENTENCES]:
        pays = [m for m in HEADLINE_PAYS_RE.finditer(s.text) if not _title_cased(_line_of(s.text, m.start()))]
        for m in (*HEADLINE_RE.finditer(s.text), *HEADLINE_POSSESSIVE_RE.finditer(s.text), *pays):
            if _PREPOSITION_BEFORE_RE.search(s.text[max(0, m.start() - 12):m.start()]):
                continue    # where the party is: "Two firms, one in Wales, fined £340k"
            name = trim_name(m.group("name"))
            if name:
                yield Mention("opening_headline", name, (s.start, s.end))


def rule_breadcrumb(p: Prepared) -> Iterator[Mention]:
    """An ICO enforcement page's breadcrumb, "Enforcement/ X"."""
    text = p.clean.text
    for m in BREADCRUMB_RE.finditer(text[:3000]):
        yield Mention("breadcrumb", m.group("name"), line_span(text, m.start("name")))


# A line that introduces a list of the parties ("The 14 firms are:", "fined the following companies:"),
# then the list's items, one name a line.
# ("The breakdown of the penalties for the Lancaster businesses is as follows:"; not a statistic's
# "the sectors that were issued the fines were:")
_LIST_INTRO_RE = re.compile(r"^(?![^\n]{0,140}\b(?:sectors?|industries|types|kinds|categories|areas|regions|reasons)\b)"
                            r"[^\n]{0,80}\b(?:firms|companies|organisations|organizations|councils|charities|"
                            r"businesses|trusts|forces|parties|penalties|fines)\b[^\n]{0,60}:[ \t]*$", re.M | re.I)
# An item is a name alone (capitalised words and their connectors, not a finding's sentence), or a
# name and its action: "• Newday Limited, fined £230,000 for sending 44 million spam emails".
_LIST_ITEM_RE = re.compile(r"[ \t]{0,8}(?:[•*▪◦‣–-]|\d{1,2}[.)])[ \t]{1,8}(?P<name>[A-Z0-9][\w&'’().-]*"
                           r"(?:[ \t]{1,3}(?:[A-Z0-9(&][\w&'’().-]*|of|and|for|the|t/a)){0,9}?)[ \t]*[.;,]?[ \t]*"
                           r"(?:(?:[-–—:][ \t]{1,3}(?i:fined|penalised|reprimanded|issued|served|prosecuted)|"
                           r"fined|penalised|reprimanded|issued|served|prosecuted|£)[^\n]*|"
                           # "- Eco Spray Insulations, which made 178,190 calls ..., and was fined £100,000"
                           r"(?<=,)[ \t]{1,3}(?:which|who)\b[^\n]{0,200}?\b(?:fined|penalised|reprimanded|issued|served|"
                           r"prosecuted)\b[^\n]*)?")
# ... or, without a bullet, a name and its figure: "Crown Glazing Ltd: £130,000 for making 503,445 calls".
_FIGURE_LINE_ITEM_RE = re.compile(r"^[ \t]{0,8}(?P<name>[A-Z0-9][\w&'’().-]{0,60}(?:[ \t]{1,3}(?:[A-Z0-9(&][\w&'’().-]{0,60}|of|"
                                  r"and|for|the|t/a)){0,9}?)[ \t]{0,3}[:–—-][ \t]{1,3}£\d[^\n]*", re.M)
LIST_INTRO_CUE_CHARS = 1500     # the list's action is told in the text just above it
# ... or a sentence that counts them and names them in a row: "The five are: Toucan, Staybrite Windows, ..."
_INLINE_LIST_RE = re.compile(r"The(?<!\wThe)[ \t]{1,3}(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
                             r"(?:[ \t]{1,3}[\w-]{1,20})?[ \t]{1,3}(?:are|were|include|included)[ \t]{0,3}:?[ \t]{1,3}"
                             r"(?:the[ \t]{1,3})?" + _NAME_TO_COMMA)


_LINE_ENDS_IN_COLON_RE = re.compile(r":[ \t]*$", re.M)


def _list_intros(text: str) -> Iterator[re.Match[str]]:
    """_LIST_INTRO_RE's matches, tried only on lines that end in a colon: a search for the colon
    starts from a literal, while the pattern itself would be tried at every line of a notice."""
    for colon in _LINE_ENDS_IN_COLON_RE.finditer(text):
        intro = _LIST_INTRO_RE.match(text, text.rfind("\n", 0, colon.start()) + 1)
        if intro is not None:
            yield intro


def rule_listed_parties(p: Prepared) -> Iterator[Mention]:
    """The items of a list a line introduces as the parties of the action told just above it: a
    round-up's "The 14 firms are:" and one company a line."""
    text = p.clean.text
    for intro in _list_intros(text):
        if not speaks_of_enforcement(text[max(0, intro.start() - LIST_INTRO_CUE_CHARS):intro.end()]):
            continue
        offset = intro.end() + 1
        for line in text[offset:offset + 5000].split("\n"):
            item = _LIST_ITEM_RE.fullmatch(line) or _FIGURE_LINE_ITEM_RE.fullmatch(line)
            if item is None:
                if line.strip():
                    break          # the list ends at the first line that is no item
            else:
                start = offset + item.start("name")
                yield Mention("listed_party", item.group("name"), (start, start + len(item.group("name"))))
            offset += len(line) + 1
    for inline in _INLINE_LIST_RE.finditer(text):
        if speaks_of_enforcement(text[max(0, inline.start() - LIST_INTRO_CUE_CHARS):inline.start()]):
            yield Mention("listed_party", inline.group("name"), (inline.start("name"), inline.end("name")))


# Title Case keeps its short words small: "ICO Reprimands GP Practice for Major Data Breach".
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "for", "of", "and", "or", "to", "in", "on", "at", "by", "with",
                                "over", "after", "from", "as", "into", "amid", "vs"})


def _title_cased(text: str) -> bool:
    """A headline in Title Case ("ICO Issues Reprimand For Disclosure Of Address"): every word looks
    like a name, so the phrasings cannot tell the party (HEADLINE_RE still reads "X Fined £...")."""
    words = re.findall(r"[A-Za-z][\w'-]*", text[:300])
    small = sum(1 for w in words if w[0].islower() and w not in _TITLE_SMALL_WORDS)
    return len(words) >= 5 and small == 0


_ACTION_HINT_RE = re.compile(r"£|\bordered\b|\borders\b")
# A sentence that says other cases follow: "Similar incidents have occurred in other councils in
# recent months." The next sentence's parties are those other cases.
OTHER_CASES_AHEAD_RE = re.compile(r"\b(?:similar|other)[ \t]{1,3}(?:[\w-]{1,20}[ \t]{1,3}){0,2}?(?:incidents|cases|breaches|"
                                  r"councils|organisations|firms|companies|trusts|forces|bodies)\b[^.;]{0,60}"
                                  r"\b(?:have|has|had)[ \t]{1,3}(?:also[ \t]{1,3})?(?:occurred|happened|been)\b", re.I)


def sentences_after_other_cases(p: Prepared) -> set[int]:
    """The indexes of sentences right after one that says other cases follow."""
    return {s.index + 1 for s in p.sentences[:400] if OTHER_CASES_AHEAD_RE.search(s.text)}


# An earlier action told by its time straight after the figure: "... was fined £20,000 last year" (not
# "handed X a £50,000 fine for spam texts sent last year").
_RECALLED_AFTER_RE = re.compile(r"[ \t]{0,3}(?:(?:of|a|an)[ \t]{1,3})?(?:£[\d.,]{1,15}[ \t]{0,3}(?:m|k|bn|million|billion)?"
                                r"[ \t]{1,3})?(?:(?:fine|penalty)[ \t]{1,3})?(?:" + EARLIER_TIME + r")", re.I)


# An action told with its year, straight after the verb: "were prosecuted and fined at Luton
# Magistrates' Court in 2016" (not "fined for calls made in 2016": the reason's time).
_ACTION_YEAR_AFTER_RE = re.compile(r"(?:(?!\b(?:for|after|over|because|made|sent|between|from)\b)[^.;\n]){0,70}?"
                                   r"\bin[ \t]{1,3}(?:" + _MONTHS + r"[ \t]{1,3})?(?P<year>(?:19|20)\d\d)\b")


def _told_as_earlier_year(text: str, end: int, year: int | None) -> bool:
    """The action after `end` is dated in a year before the story's: an earlier case of the party
    or its director ("the company and its director were prosecuted ... in 2016", in a 2017 story)."""
    m = _ACTION_YEAR_AFTER_RE.match(text, end)
    return bool(m and year and int(m.group("year")) < year)


_PERSON_PRONOUNS = frozenset({"he", "she"})
_TITLED_PERSON_RE = re.compile(r"\b" + _TITLE + r"(?P<surname>[A-Z][a-z'-]{1,30})\b")
_PERSON_OPENING_RE = re.compile(r"^(?:It[ \t]{1,3}was[ \t]{1,3}\w{2,20}[ \t]{1,3}that[ \t]{1,3})?(?P<name>[A-Z][a-z'-]{1,30}"
                                r"[ \t]{1,3}[A-Z][a-z'-]{1,30})(?=,|[ \t]{1,3}(?:who|had|has|was|took|sent|procured)\b)")


def _person_before(p: Prepared, index: int) -> str:
    """Who "He was fined £3,000" speaks of: the person the sentences just before name ("Mr Hedges took
    the data", "Paul Hedges, who worked as a manager, sent..."), with the full name the text gave."""
    for s in reversed(p.sentences[max(0, index - 3):index]):
        titled = list(_TITLED_PERSON_RE.finditer(s.text))
        if titled:
            surname = titled[-1].group("surname")
            full = (m.group(0) for m in re.finditer(r"\b[A-Z][a-z'-]{1,30}[ \t]{1,3}" + re.escape(surname) + r"\b",
                                                    p.clean.text[:s.end]) if not _TITLED_PERSON_RE.match(m.group(0)))
            return next(full, titled[-1].group(0))
        opening = _PERSON_OPENING_RE.match(s.text)
        if opening:
            return opening.group("name")
    return ""


def _first_of_pair(name: str, text: str) -> str:
    """The first party of "Leave.EU and Eldon Insurance were fined" when the story names it alone
    elsewhere, at least twice, or each of the two alone at least once; "Marks and Spencer" and
    "Noble Design and Build" stay whole."""
    first, _, second = name.partition(" and ")
    if not second or not second[:1].isupper():
        return name
    first_alone = len(re.findall(r"(?<![\w.-])" + re.escape(first) + r"(?![\w-]|[ \t]{1,3}and\b)", text))
    second_alone = len(re.findall(r"(?<![\w.-])(?<!and )" + re.escape(second) + r"(?![\w-])", text))
    return first if first_alone >= 2 or (first_alone and second_alone) else name


def rule_enforcement_patterns(p: Prepared, announced_others: set[int]) -> Iterator[Mention]:
    """The PARTY_PATTERNS in enforcement sentences: "issued a reprimand to X", "X has been fined".
    A sentence in `announced_others` (see `sentences_after_other_cases`) tells other cases."""
    year = story_year(p)
    for s in p.sentences:
        announced = s.index in announced_others
        # (A listed figure may stand for the penalty word, "£180,000 issued against Acme Ltd", and an
        # order to stop for the notice: "ordered Acme Leisure to stop using facial recognition".)
        if not (s.enforcement or _ACTION_HINT_RE.search(s.text)) or _title_cased(s.text):
            continue
        seen: set[str] = set()      # two phrasings of one clause are one mention
        for pattern in PARTY_PATTERNS.values():
            for m in pattern.finditer(s.text):
                name = captured_name(s.text, m)
                if name.lower() in _PERSON_PRONOUNS:
                    name = _person_before(p, s.index)
                name = _first_of_pair(name, p.clean.text)
                if name and name not in seen:
                    seen.add(name)
                    # A story (and a round-up's item) opens with its own case; others come later,
                    # for context ("lowered its fine for Marriott to £18.4m").
                    if _RECALLED_AFTER_RE.match(s.text, m.end()) or _told_as_earlier_year(s.text, m.end(), year):
                        rule = "recalled_enforcement_pattern"    # "Rainbow was fined £20,000 last year"
                    elif RECALLING_SENTENCE_RE.search(s.text) or announced:
                        rule = "recalled_enforcement_pattern"
                    elif s.index < OPENING_SENTENCES:
                        rule = "opening_enforcement_pattern"
                    elif RECALLED_CASE_RE.search(s.text):
                        rule = "recalled_enforcement_pattern"
                    else:
                        rule = "enforcement_pattern"
                    yield Mention(rule, name, (s.start, s.end))


def rule_subjects_of_prose(p: Prepared) -> Iterator[Mention]:
    """Introductions in the opening, investigations, and the subject of a finding."""
    for s in p.sentences[:400]:
        if s.index < OPENING_SENTENCES:
            m = INTRO_RE.search(s.text) or INTRO_APPOSITIVE_RE.search(s.text)
            if m and trim_name(m.group("name")):
                yield Mention("introduction", trim_name(m.group("name")), (s.start, s.end))
        if s.index < OPENING_SENTENCES * 4:
            for m in BASED_IN_RE.finditer(s.text):
                name = captured_name(s.text, m)
                if name:
                    yield Mention("based_in", name, (s.start, s.end))
            for m in CALLED_RE.finditer(s.text):
                name = trim_name(m.group("name"))
                if name:
                    yield Mention("introduction", name, (s.start, s.end))
        if s.index < 60:
            for m in INVESTIGATED_RE.finditer(s.text):
                if trim_name(m.group("name")):
                    yield Mention("investigated", trim_name(m.group("name")), (s.start, s.end))
        if s.enforcement or BREACH_RE.search(s.text):
            for m in FINDING_SUBJECT_RE.finditer(s.text):
                if trim_name(m.group("name")):
                    yield Mention("finding_subject", trim_name(m.group("name")), (s.start, s.end))
        if not s.enforcement and s.index < 60:
            # a finding with no sanction word: "The ICO has found Grampian NHS in breach of the Act"
            # (in an enforcement sentence `rule_enforcement_patterns` reads it)
            for m in PARTY_PATTERNS["found_in_breach"].finditer(s.text):
                name = captured_name(s.text, m)
                if name:
                    yield Mention("finding_subject", name, (s.start, s.end))
        if s.index < OPENING_SENTENCES:
            for m in (*ESCAPED_SUBJECT_RE.finditer(s.text), *BREACH_SUBJECT_RE.finditer(s.text)):
                name = trim_name(m.group("name"))
                if name:
                    yield Mention("finding_subject", name, (s.start, s.end))


# The name a sentence opens with, as its subject: "Halfords, a well-known brand ..., took this
# opportunity", "Halfords attempted to justify" (not "Eckersley said": a quote's speaker).
SUBJECT_OPENING_RE = re.compile(
    r"^[\"“‘']?(?:The[ \t]{1,3})?(?P<name>[A-Z][\w&'’.\-]{0,40}(?:[ \t]{1,3}(?:[A-Z0-9][\w&'’.\-]{0,40}|of|and|for|the)){0,5})"
    r"(?=,[ \t]|[ \t]{1,3}(?!(?:said|says|told|added|adds|explained|commented|stated|warned|noted)\b)[a-z]{2,20}\b)")
REPEATED_SUBJECT_MIN = 2        # openings as a subject before a name the NER missed counts
# "Jane Marsh, head of policy at Acme, said": a speaker, not a subject
_SPEAKER_RE = re.compile(r"^,[^,.;]{1,120},[ \t]{1,3}(?:said|says|told|added|explained|commented|stated|warned|noted)\b")


def rule_repeated_subject(p: Prepared) -> Iterator[Mention]:
    """A name the story keeps opening its sentences with: its subject, though the small NER model
    tags it as nothing ("Halfords") and no enforcement phrase names it. A capitalised common word that
    opens sentences ("Customers were") is written in lower case elsewhere, so it must also appear
    capitalised within a sentence."""
    text = p.clean.text
    if COURT_CASE_RE.search(text[:20000]):
        return      # a court story's subjects are the employer and the court; its person rules name the party
    openings: dict[str, list[Sentence]] = {}
    for s in p.sentences[:OPENING_SENTENCES * 3]:
        m = SUBJECT_OPENING_RE.match(s.text)
        name = trim_name(m.group("name")) if m else ""
        if name and tidy_name(name) and not _SPEAKER_RE.match(s.text[m.end("name"):] if m else ""):
            openings.setdefault(name, []).append(s)
    for name, sentences in openings.items():
        if len({s.text for s in sentences}) < REPEATED_SUBJECT_MIN:
            continue        # a caption printed twice is one opening
        within = re.search(r"(?<=[a-z,;:] )" + re.escape(name) + r"\b", text)
        lower = re.search(r"\b" + re.escape(name.lower()) + r"\b", text)
        if within and not (lower and " " not in name):
            for s in sentences:
                yield Mention("repeated_subject", name, (s.start, s.end))


# An opening that describes the party before naming it: "A company selling solar panels has been
# fined £45,000 ..." The next sentence or two names it.
# A person described, in a prosecution: "A former receptionist at a GP surgery has been prosecuted".
DESCRIBED_SUBJECT_RE = re.compile(
    r"^(?:A|An)[ \t]{1,3}(?:[\w'&-]{1,30}[ \t]{1,3}){0,6}?(?i:" + _KIND_OF_ORGANISATION + r"|" + KIND_OF_PERSON
    + r")\b[^.;]{0,120}?\b"
    r"(?:has|have|was|were|is)[ \t]{1,3}(?:been[ \t]{1,3})?(?:fined|reprimanded|penalised|prosecuted|hit|handed|"
    r"slapped|ordered|served)\b")
_NOT_A_SUBJECT_NAME = frozenset({"the", "a", "an", "this", "that", "it", "its", "he", "she", "they", "ico", "but",
                                 "however", "in", "on", "at", "after", "following"})


def _opens_with_a_name(words: str) -> bool:
    """Whether a capitalised run starts with a name, not an article, pronoun or linking word."""
    return words.split()[0].lower() not in _NOT_A_SUBJECT_NAME


# The subject of the next sentence: a name followed by its verb ("Marcia Phillips was prosecuted",
# "Tameside Energy Services would have been hit"), not a sentence's first word ("Appearing at...").
_PERSON_DESCRIBED_RE = re.compile(r"^(?:A|An)[ \t]{1,3}(?:[\w'&-]{1,30}[ \t]{1,3}){0,6}?(?i:" + KIND_OF_PERSON + r")\b")
# The person a described opening goes on to name, at the head of the next sentence: "Jane Marsh
# accessed the health records of ..." (two or three capitalised words, then a verb in the past).
_PERSON_OPENS_RE = re.compile(r"^(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]{1,3})?[A-Z][a-z'-]{1,30}(?:[ \t]{1,3}[A-Z][a-z'-]{1,30}){1,2})"
                              r"[ \t]{1,3}(?:[a-z]{2,20}ed|was|had|has|pleaded|admitted)\b")
_NAMED_SUBJECT_RE = re.compile(NAME + r",?\s+(?:was|were|has|had|is|would|could|will|admitted|pleaded|made|sent)\b")
# A name right after "in", "near", "from" or "at" tells where the party is, not who: "A high school in
# Chelmsford has been reprimanded".
_PLACE_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:in|near|from|at)[ \t]{1,3}$")
# A sentence that opens with a name and its short form or its town, then what it did: "Acme
# Productions (AP) of Leeds set up cameras ...". (Not any capitalised opening: "According to".)
_PLACE = r"[A-Z][\w'’-]{1,30}(?:[ \t]{1,3}[A-Z][\w'’-]{1,30}){0,2}"   # "Leeds", "Milton Keynes", "London's Soho"
_OPENING_NAME_RE = re.compile(r"^" + NAME + r"(?:[ \t]{1,3}\([A-Z][\w&.'’-]{1,20}\)|,?[ \t]{1,3}(?:of|from|in|based[ \t]{1,3}in)"
                              r"[ \t]{1,3}" + _PLACE + r"(?:,[ \t]{1,3}" + _PLACE + r")?){1,2},?[ \t]{1,3}[a-z]")
# ... or with what it is or does set off by commas: "Bounty UK, which offers advice to new parents,
# unlawfully shared its members' data".
_OPENING_APPOSITIVE_NAME_RE = re.compile(r"^" + NAME + r"[ \t]{0,3},[ \t]{1,3}(?:which|who|whose)\b[^,.;]{3,100},[ \t]{1,3}[a-z]")
# ... or with what it does, in the present tense: "The Fenland Patient Network provides support to
# ..." (not a speaker: "Fenland Council says it regrets ...").
_OPENING_PRESENT_SUBJECT_RE = re.compile(r"^" + NAME + r"[ \t]{1,3}(?!(?:says|adds|explains|insists|claims|argues|"
                                         r"notes|admits|denies|warns|tells)\b)[a-z]{2,20}(?<!s)s\b")
# The object of an action only described: "fined a television production company which ...",
# "issued a reprimand to a London council over ...".
DESCRIBED_OBJECT_RE = re.compile(
    r"\b(?i:fined|fines|fining|reprimanded|reprimands|penalised|prosecuted|on|to|against)[ \t]{1,3}(?:a|an)[ \t]{1,3}"
    r"(?:[\w'-]{1,30}[ \t]{1,3}){0,4}?(?:" + _KIND_OF_ORGANISATION + r"|council|trust|school|authority)\b"
    r"(?![ \t]{1,3}(?:called|named|[A-Z]))")


def rule_described_subject(p: Prepared) -> Iterator[Mention]:
    """The organisation named right after an opening that only described it."""
    for i, s in enumerate(p.sentences[:OPENING_SENTENCES]):
        described = DESCRIBED_SUBJECT_RE.search(s.text)
        if not (described or (s.enforcement or "£" in s.text) and DESCRIBED_OBJECT_RE.search(s.text)):
            continue
        # "An NHS worker has been fined": the person named next, not the employer beside them
        a_person = bool(described and _PERSON_DESCRIBED_RE.match(described.group(0)))
        for nxt in p.sentences[i + 1:i + 3]:
            if RECALLING_SENTENCE_RE.search(nxt.text):
                continue    # another case, recalled between the description and the name
            person = (PERSON_WITH_JOB_RE.search(nxt.text) or PERSON_WITH_AGE_RE.search(nxt.text)
                      or _PERSON_OPENS_RE.search(nxt.text)) if a_person else None
            if person and _opens_with_a_name(person.group("name")):
                yield Mention("described_subject", person.group("name"), (nxt.start, nxt.end))
                return
            suffixed = SUFFIXED_NAME_RE.search(nxt.text)
            if suffixed and _PARENT_BEFORE_RE.search(nxt.text, 0, suffixed.start()):
                suffixed = None     # "Fenland Managing Agency, part of Marsh Group, lost ...": its parent
            subject = _NAMED_SUBJECT_RE.search(nxt.text)
            opening = _OPENING_NAME_RE.search(nxt.text)
            name = trim_name(suffixed.group("name")) if suffixed else ""
            appositive = _OPENING_APPOSITIVE_NAME_RE.search(nxt.text)
            if not name and appositive and _opens_with_a_name(appositive.group("name")):
                name = trim_name(appositive.group("name"))
            if not name and opening and len(opening.group("name").split()) >= 2 and _opens_with_a_name(opening.group("name")):
                name = trim_name(opening.group("name"))
            present = _OPENING_PRESENT_SUBJECT_RE.search(nxt.text)
            if not name and present:
                run = present.group("name")
                run = run[4:] if run.startswith("The ") else run
                if len(run.split()) >= 2 and _opens_with_a_name(run):
                    name = trim_name(run)
            if not name and subject:
                # "Appearing at X Court on 12 March, Marcia Phillips was": the run after the last comma;
                # but a sentence that opens with the name gives its address after it ("The Regal
                # Chambers Surgery, Hitching, Hertfordshire was found to ...")
                runs = subject.group("name").split(", ")
                run = runs[0] if subject.start() == 0 and len(runs[0].split()) >= 2 else runs[-1]
                # "A high school in Chelmsford has been reprimanded": where it is, not who
                in_a_place = len(runs) == 1 and _PLACE_PREPOSITION_BEFORE_RE.search(nxt.text, 0, subject.start())
                if not in_a_place and _opens_with_a_name(run[4:] if run.startswith("The ") and len(run.split()) > 1 else run):
                    name = trim_name(run)
            if name:
                yield Mention("described_subject", _first_of_pair(name, p.clean.text), (nxt.start, nxt.end))
                return
        return


# A person as a court report names them: with their age ("Jane Marsh, 61, was working at...",
# "Marsh, 42, of Wisbech, pleaded guilty").
PERSON_WITH_AGE_RE = re.compile(r"(?<![\w'-])(?P<name>(?:" + _TITLE + r")?[A-Z][a-z'-]{1,30}"
                                r"(?:[ \t]{1,3}[A-Z][a-z'-]{1,30}){0,2}),[ \t]{1,3}(?:aged[ \t]{1,3})?\d{2},")


# ... or with their job: "Clerical officer Eileen McMillan was working at Portsmouth Hospitals Trust" (not
# a company's "director Antonio Pardo admitted ...": the company is the party of its own case).
PERSON_WITH_JOB_RE = re.compile(r"(?i:(?!director)" + KIND_OF_PERSON + r")[ \t]{1,3}(?P<name>[A-Z][a-z'-]{1,30}[ \t]{1,3}[A-Z][\w'-]{1,30})"
                                r"[ \t]{1,3}(?:was|had|has|worked|accessed|looked|admitted|pleaded)\b")


# ... or as the court heard of them: "Ealing Magistrates Court heard how Darren Harrison, uploaded data"
PERSON_COURT_HEARD_RE = re.compile(r"\b(?:[Cc]ourt|[Jj]ury|[Mm]agistrates|[Jj]udge)[ \t]{1,3}(?:heard|was[ \t]{1,3}told)[ \t]{1,3}"
                                   r"(?:how|that)[ \t]{1,3}(?P<name>" + _PERSON_NAME + r")\b")


# ... or at their work when they did it: "Mustafa Kasim, whilst working for a vehicle repair firm called X,
# used colleagues' log-in details", "Jane Marsh, who was employed at X, ..."
PERSON_AT_WORK_RE = re.compile(r"(?<![\w'-])(?P<name>" + _PERSON_NAME + r"),?[ \t]{1,3}"
                               r"(?:whilst|while|when|who[ \t]{1,3}(?:was|had[ \t]{1,3}been))[ \t]{1,3}"
                               r"(?:(?:he|she)[ \t]{1,3}was[ \t]{1,3})?(?:working|employed)[ \t]{1,3}(?:for|at|by|as)\b|"
                               # the sentence's subject: "Martin Swan had worked as a service advisor at the call
                               # centre" (not "his girlfriend Dawn Makin, who worked as a nurse")
                               r"^(?P<subject>" + _PERSON_NAME + r")[ \t]{1,3}"
                               r"(?:had[ \t]{1,3})?worked[ \t]{1,3}(?:for|at|as)\b")

_PROSECUTION_WORD_RE = re.compile(r"\bprosecut\w+|custodial\s+sentence", re.I)


def _person_named(m: re.Match[str]) -> str:
    """The person a court-story pattern captured, whichever of its groups holds them."""
    found = m.groupdict()
    return found.get("name") or found.get("subject") or ""


def rule_person_in_court(p: Prepared) -> Iterator[Mention]:
    """In a story of a court case, the person it names with their age (or job) is the one prosecuted;
    their employer, named beside them ("was working at the Royal Hospital"), is not the party. A
    surname said alone takes the full name the text gave before ("Wren, 42" after "Nicola Wren")."""
    text = p.clean.text
    if not COURT_CASE_RE.search(text[:20000]):
        if _PROSECUTION_WORD_RE.search(text[:20000]):
            # a prosecution told without court words ("the first criminal prosecution ... resulting in
            # a custodial sentence"): the person named at their work is still the one prosecuted
            for s in p.sentences[:OPENING_SENTENCES * 2]:
                for m in PERSON_AT_WORK_RE.finditer(s.text):
                    yield Mention("person_in_court", _person_named(m), (s.start, s.end))
        return
    for s in p.sentences[:OPENING_SENTENCES * 2]:
        for m in (*PERSON_WITH_JOB_RE.finditer(s.text), *PERSON_AT_WORK_RE.finditer(s.text),
                  *PERSON_COURT_HEARD_RE.finditer(s.text)):
            yield Mention("person_in_court", _person_named(m), (s.start, s.end))
        for m in PERSON_WITH_AGE_RE.finditer(s.text):
            name = m.group("name")
            if " " not in name:
                full = re.search(r"\b[A-Z][a-z'-]{1,30}[ \t]{1,3}" + re.escape(name) + r"\b", text[:s.start + m.start()])
                name = full.group(0) if full else name
            yield Mention("person_in_court", name, (s.start, s.end))


def rule_suffixed_names(p: Prepared, announced_others: set[int]) -> Iterator[Mention]:
    """Capitalised names with an organisation's legal form ("... City Council", "... Ltd"), which
    the small NER model sometimes tags as a place or misses in OCR'd text. A sentence in
    `announced_others` tells other cases: its names count as in any other sentence."""
    for s in p.ner_sentences:
        enforcement = s.enforcement and s.index not in announced_others
        for m in SUFFIXED_NAME_RE.finditer(s.text):
            name = trim_name(_without_a_leading_month(m.group("name"), s.text[:m.start("name")]))
            if name and len(name.split()) >= 2:
                yield Mention("suffixed_name_enforcement" if enforcement else "suffixed_name", name,
                              (s.start, s.end))


# A name right after the kind of organisation it is, as press introduces a party: "takeaway chain
# Papa John's", "Sheffield-based firm A4e", "data analytics company Acme". (Lower case kind, so a
# name's own head word, "Acme Company", is not one.)
KIND_THEN_NAME_RE = re.compile(r"\b(?-i:" + _KIND_OF_ORGANISATION + r"|chain|insurer|university|charity)[ \t]{1,3}" + NAME)


def rule_kind_then_name(p: Prepared) -> Iterator[Mention]:
    """A name the opening gives right after the kind of organisation it is: the small NER model
    misses many such names ("Papa John's", "A4e", "Durham University")."""
    for s in p.sentences[:OPENING_SENTENCES]:
        for m in KIND_THEN_NAME_RE.finditer(s.text):
            name = captured_name(s.text, m)
            if name:
                yield Mention("kind_then_name", name, (s.start, s.end))


def rule_defined_role(p: Prepared) -> Mention | None:
    """The party a summary defines as "the controller" ("X (the controller)", "The controller, X")."""
    text = p.clean.text
    for regex in (ROLE_DEFINED_RE, ROLE_PREFIX_RE):
        m = regex.search(text[:20000])
        if m and trim_name(m.group("name")):
            return Mention("defined_role", trim_name(m.group("name")), line_span(text, m.start("name")))
    return None


def org_entity_rules(mention: OrgMention) -> tuple[str, ...]:
    """The PARTY_WEIGHTS keys an ORG entity counts under: where its sentence is, and whether that
    sentence speaks of a breach."""
    s = mention.sentence
    where = "org_entity_enforcement" if s.enforcement else "org_entity_opening" if s.index < OPENING_SENTENCES \
        else "org_entity"
    return (where, "org_entity_breach_bonus") if BREACH_RE.search(s.text) else (where,)


def definitions(p: Prepared) -> Iterator[tuple[str, str]]:
    """(full, short) pairs a text defines: `X ("Y")`, "X trading as Y", "now known as"."""
    text = p.clean.text
    for regex in (DEFINED_RE, AKA_RE):
        for m in regex.finditer(text[:20000]):
            full, short = tidy_name(trim_name(m.group("full"))), tidy_name(trim_name(m.group("short")))
            if full and short and full != short:
                yield full, short


# What may stand before a sentence's first word on its line: a bullet, an opening quote or bracket.
_LINE_OPENING_RE = re.compile(r"[\s\-–—•*\"“‘'(\[]{0,8}")
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]{0,3}[ \t]{0,8}$")
_LONG_WORD_RE = re.compile(r"[^\W\d_][\w'’-]{3,60}")
HEADLINE_MAX_CHARS = 200


def _is_title_case(line: str) -> bool:
    """A headline in Title Case ("Fines Issued to Companies"): every word of four letters or more capitalised."""
    words = _LONG_WORD_RE.findall(line)
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def capitalised_only_by_grammar(name: str, text: str, ordinary_words: Container[str]) -> bool:
    """Whether a one-word candidate is an ordinary word that only a sentence's start or a Title Case
    headline capitalised: "Back in March, ...", "One of the groups was fined", "Unanswered calls".

    Anywhere else a capital marks a name: "fined Argos", "The Prudential has", "Kayleigh Evans
    admitted" (Evans), "Purus Digital" (Digital). So an ordinary word written so even once is
    still a name, as is one with a possessive ("Morrison’s, a grocery chain") or one that opens a
    name with an organisation's form ("Fenland Civil Engineering Ltd"). Words with inner
    capitals ("TalkTalk") or all in capitals ("EE") are names whatever they spell.

    A word the dictionary lacks is ordinary too where the text itself writes it in lower case:
    "Ransomware is a type of malware" in a story about "a ransomware attack".
    """
    if " " in name or not name.istitle():
        return False
    # "(?<![\w'’-])Name" written as "Name(?<![\w'’-]Name)": the same test of the character before
    # the name, but a pattern that opens with a literal is searched for fast in a long text.
    lower = re.escape(name.lower())
    if name not in ordinary_words and not re.search(lower + r"(?<![\w'’-]" + lower + r")(?![\w'’-])", text):
        return False
    word = re.escape(name) + r"(?<![\w'’-]" + re.escape(name) + ")"
    if re.search(word + r"['’]s\b", text):
        return False
    for m in re.finditer(word + r"(?![\w'’-])", text):
        if SUFFIXED_NAME_RE.match(text, m.start()):
            return False    # the first word of "Fenland Civil Engineering Ltd", wherever it stands
        # Only a short window around each occurrence is read, so a long one-line text stays linear.
        window_start = max(0, m.start() - HEADLINE_MAX_CHARS)
        newline = text.rfind("\n", window_start, m.start())
        line_start = newline + 1 if newline >= 0 else (0 if window_start == 0 else None)
        before = text[window_start if line_start is None else line_start:m.start()]
        if line_start is not None and _LINE_OPENING_RE.fullmatch(before):
            continue        # the line's first word: a sentence's, or a headline's
        if _SENTENCE_END_RE.search(before[-16:]):
            continue        # the first word after a full stop
        line_end = text.find("\n", m.end(), m.end() + HEADLINE_MAX_CHARS)
        if line_start is not None and line_end >= 0 and _is_title_case(text[line_start:line_end]):
            continue        # a Title Case headline's word
        return False
    return True


def find_party(p: Prepared, heading: Heading | None, orgs: list[OrgMention],
               ordinary_words: Container[str], ranker: PartyRanker | None = None) -> PartyFinding | None:
    """The penalised party: every rule's mentions, weighted by PARTY_WEIGHTS, grouped by party; in
    a press story `ranker` then takes a second look at the candidates.

    `ordinary_words` (see `vocabulary.OrdinaryWords`) tells a sentence's first word from a name.
    """
    # A notice has one addressee, and OCR splits its name into near-twins: only the heaviest counts.
    tally = PartyTally(blocked=blocked_names(p), near_tie=0.0 if p.kind == "notice" else NEAR_TIE)

    text = p.clean.text

    def add(mention: Mention) -> None:
        name = tidy_name(mention.name)
        if mention.span and _AUTHORS_EMPLOYER_RE.match(text[mention.span[0]:mention.span[1]]):
            return      # "Jane Marsh, CIPP/E, is a privacy adviser at Fenland Law LLP": who wrote it
        if name and not capitalised_only_by_grammar(name, text, ordinary_words):
            at = text.find(name, *mention.span) if mention.span else -1
            tally.add(name, PARTY_WEIGHTS[mention.rule], mention.span, at if at >= 0 else None, (mention.rule,))

    announced_others = sentences_after_other_cases(p)
    for rule in (rule_listing(p), rule_notice_addressee(p, heading), rule_headlines(p), rule_breadcrumb(p),
                 rule_enforcement_patterns(p, announced_others), rule_subjects_of_prose(p), rule_described_subject(p),
                 rule_person_in_court(p), rule_suffixed_names(p, announced_others), rule_listed_parties(p),
                 rule_kind_then_name(p),
                 rule_repeated_subject(p)):
        for mention in rule:
            add(mention)
    controller = rule_defined_role(p)
    if controller:
        add(controller)
        # "the controller" refers back to the party the text defined as the controller.
        mentions = sum(len(ROLE_MENTION_RE.findall(s.text)) for s in p.sentences if s.enforcement)
        times = float(min(mentions, ROLE_MENTION_CAP))
        tally.add(tidy_name(controller.name), times * PARTY_WEIGHTS["role_mention"], rules=("role_mention",), times=times)
    for org in orgs:
        name = tidy_name(org.name)
        if _DESCRIBES_KIND_AFTER_RE.match(text[org.end:org.end + 80]):
            continue        # "Eastleigh company fined": the place of a company named elsewhere
        if _AUTHORS_EMPLOYER_RE.match(org.sentence.text):
            continue        # "Jane Marsh, CIPP/E, is a privacy adviser at Fenland Law LLP": who wrote it
        if name and not capitalised_only_by_grammar(name, text, ordinary_words):
            rules = org_entity_rules(org)
            tally.add(name, sum(PARTY_WEIGHTS[rule] for rule in rules), (org.sentence.start, org.sentence.end),
                      org.start, rules)
    for full, short in definitions(p):
        tally.link(full, short)
    round_up = p.kind != "notice" and opens_as_round_up(p)
    best = tally.best(round_up=round_up)
    if best is None:
        return None
    if ranker is not None and not round_up:
        # (a round-up's lead is its first party by convention, though a later one is told at length)
        best = ranker.choose(p, tally.scored(), best)
    name = best.canonical()
    if name.isupper() and len(name) > 6:
        # "FACEBOOK" in a shouting headline: the same name as written elsewhere ("Facebook").
        spelt = [n for n in best.names if not n.isupper() and norm_name(n) == norm_name(name)]
        if spelt:
            name = max(spelt, key=lambda n: best.names[n])
    name = _with_own_possessive(name, text)
    name = _person_in_full(name, best, text, ordinary_words)
    aliases = sorted((n for n in best.names if n != name and not is_tail_of(n, name)),
                     key=lambda n: (-best.names[n], n))
    return PartyFinding(name, aliases[:8], best.evidence, best.evidence_weight)


# A person the story calls by surname ("Mr Lammy", "Harrison, 42,"), as a court report does after
# naming them once in full.
_SURNAME_ONLY_RE = re.compile(r"(?P<title>" + _TITLE + r")?(?P<surname>[A-Z][a-z'’-]{1,30})")
_TITLE_WORD_RE = re.compile(r"Mr|Mrs|Ms|Miss|Dr|Sir|Judge|Lord|Lady")
_PERSON_RULES = frozenset({"person_in_court", "person_of_town", "employer_worker_name"})


def _person_in_full(name: str, party: Candidate, text: str, ordinary_words: Container[str]) -> str:
    """ "David Lammy" for a party found as "Mr Lammy": the full name the text gives a person it
    otherwise calls by surname, so that one person is one name in the database. Only for a party the
    text shows to be a person (a title, an age, a person's rule, a court story); "Prudential" stays
    "Prudential" beside "Lands Prudential". Two first names for one surname ("Dan Marsh", "Sam
    Marsh") leave the surname as it is."""
    short = _SURNAME_ONLY_RE.fullmatch(name)
    if not short:
        return name
    surname = re.escape(short.group("surname"))
    a_person = (short.group("title") or _PERSON_RULES & set(party.rule_counts) or COURT_CASE_RE.search(text[:20000])
                or re.search(r"\b" + _TITLE + surname + r"\b|\b" + surname + r",[ \t]{1,3}(?:aged[ \t]{1,3})?\d{2},", text))
    if not a_person:
        return name
    full_forms = set()
    for m in re.finditer(r"((?:[A-Z][a-z]{1,30}(?:-[A-Z][a-z]{1,30})?[ \t]){1,2})" + surname + r"(?![\w-]|['’](?!s\b))", text):
        given = m.group(1).split()
        while given and not _could_be_a_first_name(given[0], text, ordinary_words):
            given.pop(0)
        if given:
            full_forms.add(" ".join([*given, short.group("surname")]))
    # "Asif Iqbal Khan" and "Iqbal Khan" are one person; "Darren Harrison" and "Mark Harrison" are two
    longest = max(full_forms, key=len, default=None)
    if longest and all(longest.endswith(" " + form) or form == longest for form in full_forms):
        return longest
    return name


def _could_be_a_first_name(word: str, text: str, ordinary_words: Container[str]) -> bool:
    """ "Because Harrison admitted", "Yesterday Harrison": a function word, or an ordinary word the
    text also writes in lower case, is capitalised by the grammar. "Martin Campbell" opening every
    sentence it is in keeps "Martin": the text never writes "martin"."""
    lower = word.lower()
    if _TITLE_WORD_RE.fullmatch(word) or lower in STOP_WORDS:
        return False
    return not (word in ordinary_words and re.search(r"(?<![\w'’-])" + re.escape(lower) + r"(?![\w'’-])", text))


def _with_own_possessive(name: str, text: str) -> str:
    """ "Papa John's" when the text never writes the name without its "'s": a name that ends so
    ("Papa John's has been fined", "Papa John's telephone marketing"), not a possessive to cut."""
    if name.endswith("'s"):
        return name
    escaped = re.escape(name)
    # ... written as a subject or set off by a comma: "Papa John's has been fined", "Halford's, the
    # UK's leading retailer" (not "the Royal Free NHS Trust's mishandling")
    if re.search(escaped + r"'s(?:,|\s+(?:has|have|had|was|were|is|are|said|says|will|for)\b)", text) \
            and not re.search(escaped + r"(?!'s\b)(?![\w'])", text):
        return name + "'s"
    return name


# A government body's name has its form in front, or is a known office: "HM Revenue and Customs",
# "Ministry of Defence", "Department for Education", "the Home Office".
GOVERNMENT_BODY_RE = re.compile(r"(?:HM|Her[ \t]Majesty['’]s|His[ \t]Majesty['’]s)[ \t]+[A-Z]|(?:Ministry|Department)[ \t]+(?:of|for)"
                                r"[ \t]+[A-Z]|(?:Home|Cabinet|Foreign(?:,[ \t]Commonwealth[ \t]and[ \t]Development)?|Scotland|"
                                r"Wales|Northern[ \t]Ireland)[ \t]+Office$|(?:HMRC|DWP|MoD|MOD|DfE|DHSC)$")


def names_a_party(party: PartyFinding | None) -> bool:
    """Whether a party found is named as one: in an enforcement sentence of its own, or by a name with
    an organisation's form ("Croydon Council", "SGS Home Protect Ltd", "Ministry of Defence"). A round-up's "two councils
    were fined" then names them; a statistics page's only names are its publisher, a think tank or
    its author, found as bare ORG entities."""
    if party is None:
        return False
    return (party.weight >= PARTY_WEIGHTS["enforcement_pattern"] or bool(SUFFIXED_NAME_RE.search(party.name))
            or bool(GOVERNMENT_BODY_RE.match(party.name)))


def opens_as_round_up(p: Prepared) -> bool:
    """Whether the title or the first two sentences say the story reports several cases. (A page's
    furniture above its headline, "Loading", "Blog details", is no sentence of the story.)"""
    sentences = [s.text for s in p.sentences[:8] if len(s.text.split()) >= 4][:2]
    opening = ([p.title] if p.title else []) + sentences
    return any(SEVERAL_CASES_RE.search(t) for t in opening)


def find_company_number(text: str) -> str | None:
    """A "Companies House No." stated in the text, upper-cased."""
    m = COMPANY_NO_RE.search(text)
    return m.group("no").upper() if m else None
