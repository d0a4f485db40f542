"""Which GBP figure in a text is the penalty, which one was proposed, and whether it was reduced.

`money.py` finds and normalises every amount; here each one is scored by the words around it
(`penalty_score`), and `find_amount` adds the scores up over a whole text. Figures of what did not
happen are not the penalty: a hypothetical one ("could have been as high as £200,000"), a
threatened one ("threatened with a fine of £1m"), a negated one ("no £1m fine"), and a superseded
one ("initially proposed £6.09m" before "settled for £3.09m") is the proposal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extract.counts import SMALL_NUMBERS
from pipeline.extract.money import BARE_PENALTY_RE, MoneySpan, find_money, parse_money, significant_digits
from pipeline.extract.roles import is_blocked
from pipeline.extract.rules.document import PRESS_FINING_VERBS, Prepared, Span


@dataclass(frozen=True)
class AmountFinding:
    """The penalty a text reports, where it says so, and the figure it replaced if any."""

    amount: int
    span: Span                   # the clean-text sentence that gives the amount
    proposed: int | None = None  # the notice of intent's figure, or the figure before a reduction
    reduced: bool = False        # cut after it was issued ("on appeal ... reduced from £X to £Y"): `reduced`


# Words around an amount that make it something other than the penalty.
NOT_PENALTY_BEFORE = re.compile(
    # whole words: "Maxen Power Supply Ltd has been fined £120,000" speaks of no maximum
    # ("a penalty worth 14.5 million pounds" is the penalty; a firm's worth is not)
    r"\b(?:maximum|max\b\.?|up to|as much as|ceiling|cap(?:ped)? (?:of|at)|turnover|revenue|income|profits?|"
    r"(?<!fine )(?<!penalty )worth|"
    r"valued at|costs?|damages|compensation|confiscation|budget|salary|spent|invest\w*|losses|"
    r"year ending|range|between|fees?|paid out|raised|sales|surcharge)\b[^£.]{0,40}$|"
    # a range's upper end: "fines of between £6,000 and £18,000", "ranging from £80,000 to £110,000"
    r"\b(?:between\s+£[\d.,]{1,15}(?:\s?(?:m|k|million))?\s+and|rang\w*\s+from\s+£[\d.,]{1,15}(?:\s?(?:m|k|million))?\s+to)\s*$|"
    # "ICO fines two companies £225,000": several parties' figure
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}|several)\s+(?:[\w-]{1,20}\s+){0,3}"
    r"(?:companies|firms|organisations|councils|charities|businesses|trusts|forces)\s*$|"
    # "ICO fines spam-happy companies £600,000", "they must cumulatively pay a fine of £600,000"
    r"\bfines\s+(?:[\w&-]{1,20}\s+){0,3}(?:companies|firms|organisations|councils|charities|businesses)\s*$|"
    r"\b(?:cumulatively|collectively|jointly|between\s+them)\b[^£.]{0,30}$|"
    # "Charities fined £138,000", "Eleven firms have been fined £1m": a group's total (not "A firm
    # that finds leads for businesses has been fined £70,000": a singular verb is one party's)
    r"\b(?:charities|councils|firms|companies|organisations|businesses|trusts|hospitals)\s+(?:(?!has\b|was\b)\w+\s+){0,2}?"
    r"(?:fined|penalised)\s*$", re.I)
# A sum of several fines: "fines totalling £170,000", "penalties worth a combined £1m", "fined X and
# its parent company Y a combined £963,900". It is no party's own figure, except where the parties
# are one group (see `_one_group`) and the text gives no other figure.
_COUNTED = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|both|\d{1,3})"
_SEVERAL_PARTIES = (r"(?:men|women|people|individuals|directors|brothers|partners|owners|companies|firms|"
                    r"organisations|councils|charities|businesses|trusts|forces|authorities|bodies)")
GROUP_SUM_BEFORE = re.compile(
    r"\b(?:fines|penalties)\s+(?:totall?ing|worth|amounting\s+to|of\s+(?:a\s+)?(?:total|combined))[^£.]{0,20}$|"
    r"\b(?:a\s+)?(?:total|combined|collective|joint)\s+(?:of\s+)?$|\btotall?ed\s+(?:some\s+|about\s+)?$|"
    r"\b(?:total|combined)\s+(?:fines|penalties)\s+(?:of\s+)?$|"
    # a month's or a sector's tally: "enforcement action totalling £495,000"
    r"\b(?:enforcement\s+)?actions?\s+totall?ing\s+$|"
    # a headline's "ICO Hits Councils With £150,000 Fine"
    r"\b" + _SEVERAL_PARTIES + r"\s+with\s+(?:an?\s+)?$", re.I)
# The same told around the figure: a counted subject ("Two men who owned a marketing company have been
# fined £440,000") or counted parties after it ("fines of £150,000 on two London councils").
# ... but not one party's own total, which a singular verb tells: "OSL has been fined a total of £240,000"
# (several parties "have been" or "were" fined a total).
ONE_PARTYS_TOTAL_BEFORE = re.compile(r"\b(?:has\s+been|had\s+been|was)\s+fined\s+a\s+total\s+of\s+$", re.I)
GROUP_SUBJECT_BEFORE = re.compile(r"^\W{0,3}(?:the\s+)?" + _COUNTED + r"\s+(?:[\w'’\"-]{1,22}\s+){0,2}?"
                                  + _SEVERAL_PARTIES + r"\b[^£.;]{0,120}\b(?:have|had|were)\s+(?:both\s+|all\s+)?"
                                  r"been\s+(?:fined|penalised|ordered\s+to\s+pay)\s*$", re.I)
# ... or plural penalties given to counted parties the sentence named before: "into four more
# companies which ..., dishing out penalties of £600,000" (not "penalties of £80,000 each").
GROUP_PENALTIES_BEFORE = re.compile(r"\b" + _COUNTED + r"\s+(?:[\w'’-]{1,22}\s+){0,2}?" + _SEVERAL_PARTIES
                                    + r"\b[^£.;]{0,160}\b(?:fines|penalties)\s+(?:of\s+|totall?ing\s+|worth\s+)?$", re.I)
_EACH_AFTER_RE = re.compile(r"^\s{0,3}(?:each|apiece)\b", re.I)
GROUP_SUM_AFTER = re.compile(r"^\s{0,3}(?:in\s+(?:[\w-]{1,20}\s+)?(?:fines|penalties)\s+)?(?:on|to|against|between|across)\s+" + _COUNTED
                             + r"\s+(?:[\w-]{1,20}\s+){0,2}?" + _SEVERAL_PARTIES + r"\b", re.I)
NOT_PENALTY_AFTER = re.compile(
    # "ordered to pay £614 prosecution costs", "contribute £1,000 costs"
    r"^\s{0,3}(?:(?:prosecution|legal|court|the\s+ICO['’]s)\s+)?costs\b|"
    r"^[^£.;]{0,40}(?:turnover|revenue|in damages|compensation|confiscation|in costs|costs order|"
    r"milestone|mark\b|in\s+fines|"
    r"worth of|a year|per year|per annum|annually|profit)|^\s*(?:-|to|and)\s*£(?![^.;]{0,30}\brespectively\b)|"
    # the surcharge is this figure's own ("a £30 victim surcharge"), not one the next clause orders
    # ("fined £300, ordered to pay a victim surcharge of £30")
    # (nor "fined £300 and ordered to pay a victim surcharge of £30", "fined £630 with a victim surcharge
    # and court costs totalling £1,093")
    r"^(?:(?!\b(?:and|ordered|plus|with)\b)[^£.;,]){0,25}?(?:victims?['’]?\s+)?surcharge|"
    # "£1,000 towards the prosecution costs" (not "fined £1,000, as well as being ordered to pay towards
    # prosecution costs": the next clause's)
    r"^[^£.;,]{0,40}towards\s+(?:the\s+)?(?:\w+\s+)?costs", re.I)
# "reduced to £X" alone is a real reduction; it is the early-payment figure only when "if paid
# within 28 days" follows (EARLY_AFTER), when the payment's condition comes first ("If it is paid
# in full by 7 February the fine will be reduced by 20 percent to £X"), when it is a discount, or
# the regulator's standing 20% off for paying early ("a 20 per cent reduction taking it to £X").
EARLY_BEFORE = re.compile(r"discount\w*\b[^£]{0,40}\bto\s*$|early payment[^£]{0,30}$|"
                          r"\b(?:if|when|provided)\b[^.£;]{0,40}\bpa(?:id|ys|yment)\b[^.£;]{0,100}$|"
                          r"\b20[ \t]?(?:%|per[ \t]?cent)[^.£;]{0,60}$|"
                          # "Prompt payment by the council has seen the fine reduce to £56,000"
                          r"\b(?:prompt|early|quick)\s+payment[^.£;]{0,60}$|\bpa(?:id|ying)\s+(?:it\s+)?(?:early|promptly)[^.£;]{0,60}$|"
                          # "we intend to pay this fine swiftly and in doing so, it will be reduced to £7,200"
                          r"\bpay\w*\s+(?:\w+\s+){0,3}?(?:swiftly|promptly|early|quickly)\b[^.£;]{0,60}$",
                          re.I)
# What did not happen: "could have been as high as £200,000", "would have faced a £1m fine",
# "threatened with a £500,000 penalty", "not a £1m fine", "instead of a £50,000 fine".
HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:(?:could|would|might|may|should)\s+(?:have|well\s+have)\s+(?:been|faced|received|got|seen|paid|reached)|"
    r"as\s+high\s+as|threaten\w*|risk(?:s|ed|ing)?|in\s+theory|theoretical\w*|potentially|instead\s+of|"
    r"rather\s+than|avoid(?:ed|s|ing)?|escap(?:ed|es|e|ing)|spared|decided\s+against|chose\s+not\s+to|declined\s+to|"
    r"potential)\b[^£.;]{0,30}$|"
    # the amount itself negated: "not a £1m fine", "was not fined £500,000", "no £1m penalty"
    r"\b(?:not|no|never)\s+(?:(?:be|been|being|impos\w+|issu\w+|fined|fining|levy\w*)\s+)?"
    r"(?:(?:a|an|the|any)\s+)?(?:(?:fine|penalty)\s+of\s+)?$", re.I)
HYPOTHETICAL_AFTER = re.compile(r"^[^£.;]{0,30}\b(?:(?:could|would|might)\s+have\s+(?:been|applied)|"
                                r"(?:was|were|had\s+been)\s+(?:considered|contemplated))\b", re.I)
# Another case's figure: "£183m fine on British Airways", "its fine for Marriott to £18.4m",
# "fined Capita £14m". The name is compared with this document's party.
_OTHER_NAME = r"(?P<name>[A-Z][\w&'.\-]{0,40}(?:[ \t]{1,3}[A-Z][\w&'.\-]{0,40}){0,4})"
OTHER_CASE_AFTER = re.compile(r"^[ \t]{0,3}(?:[\w-]{1,20}[ \t]{1,3}){0,2}?(?:fine|penalty)[ \t]{1,3}(?:on|for|against|to|"
                              r"imposed[ \t]{1,3}on|given[ \t]{1,3}to|"
                              # "the £20 million fine the ICO issued to British Airways"
                              r"(?:that[ \t]{1,3}|which[ \t]{1,3})?(?:the[ \t]{1,3})?(?:ICO|regulator|watchdog|Commissioner)"
                              r"[ \t]{1,3}(?:issued|imposed|handed|gave|served)(?:[ \t]{1,3}(?:to|on))?)"
                              r"[ \t]{1,3}(?:the[ \t]{1,3})?" + _OTHER_NAME)
OTHER_CASE_BEFORE = re.compile(r"\b(?:(?:fine|penalty)[ \t]{1,3}(?:on|for|against)|fined|fining|to[ \t]{1,3}fine)[ \t]{1,3}"
                               r"(?:the[ \t]{1,3})?" + _OTHER_NAME
                               # "its intention to fine British Airways and Marriott International £183m and £99m"
                               + r"(?:[ \t]{1,3}and[ \t]{1,3}[A-Z][\w&'.\-]{0,40}(?:[ \t]{1,3}[A-Z][\w&'.\-]{0,40}){0,4})?"
                               r"[ \t]{0,3}(?:to|of|at|a|an)?[ \t]{0,3}$")
# ... and as the subject: "Powys County Council was recently fined £130,000", "Mr Jones was fined £150".
# ("WWF-UK received a £9,000 fine", "X and Y were issued penalties of £9,000 and £6,000")
OTHER_CASE_SUBJECT_BEFORE = re.compile(
    _OTHER_NAME + r",?[ \t]{1,3}(?:(?:was|were|has[ \t]{1,3}been|had[ \t]{1,3}been)[ \t]{1,3}(?:[a-z]{1,20}[ \t]{1,3})?"
    r"(?:fined(?:[ \t]{1,3}with)?|ordered[ \t]{1,3}to[ \t]{1,3}pay|handed|issued(?:[ \t]{1,3}with)?|given|(?:hit|slapped)[ \t]{1,3}with)|"
    r"received|receives|got|"
    # "North Somerset Council will be asked to pay a £60,000 fine", "X has agreed to pay"
    r"(?:will|would|has|had|was|were)[ \t]{1,3}(?:be[ \t]{1,3}|been[ \t]{1,3})?(?:asked|ordered|told|required|agreed)"
    r"[ \t]{1,3}to[ \t]{1,3}pay)"
    r"[ \t]{1,3}(?:(?:a|an)[ \t]{1,3})?(?:(?:fine|penalty|penalties)[ \t]{1,3}of[ \t]{1,3})?$")
# ... and a list's item: "to five companies: Domestic Support (£80,000), Home Sure Solutions (£100,000)",
# "• Cancer Support UK (formerly Cancer Recovery Foundation UK), fined £16,000."
OTHER_CASE_BRACKET_BEFORE = re.compile(_OTHER_NAME + r"[ \t]{1,3}\($")
# (the line's item, so a long name with small words is still read whole: "- The International Fund for
# Animal Welfare - £18,000")
LIST_ITEM_FIGURE_BEFORE = re.compile(r"^[ \t]{0,8}[•*▪◦‣–-][ \t]{1,8}(?:The[ \t]{1,3})?(?P<name>[A-Z][^£\n]{0,120}?)"
                                     r"(?:,[ \t]{1,3}fined|[ \t]{1,3}[-:])[ \t]{1,3}$")
# ... also without a bullet, a name and a colon before a figure that ends the line ("Oxfam: £6,000")
LIST_LINE_FIGURE_BEFORE = re.compile(r"^[ \t]{0,8}(?:The[ \t]{1,3})?(?!(?:Fine|Penalty|Amount|Total|Sum|Cost|Costs)\b)"
                                     r"(?P<name>[A-Z][\w&'’.-]*(?:[ \t]{1,3}(?:[A-Z(][\w&'’.()-]*|of|for|the|and|to|&))"
                                     r"{0,12}):[ \t]{1,3}$")
# (or its reason next: "Crown Glazing Ltd: £130,000 for making 503,445 unsolicited calls")
_LINE_END_OR_REASON_AFTER = re.compile(r"^[ \t]*(?:\n|$)|^[ \t]{1,3}for[ \t]{1,3}(?:making|sending|failing|breaching|calling)\b")
# ... and a figure "for" its party where a sentence gives more than one: a range's ends ("The fines range
# from £18,000 for the International Fund for Animal Welfare to £6,000 for Oxfam"), a pair ("a fine of
# £25,000 for the RSPCA and £18,000 for the BHF").
OTHER_CASE_FOR_AFTER = re.compile(r"^[ \t]{1,3}for[ \t]{1,3}(?:the[ \t]{1,3})?" + _OTHER_NAME)
_RANGE_END_BEFORE = re.compile(r"\b(?:from|to)[ \t]{1,3}$")
# ... and a fine it left unpaid: "Check Point Claims failed to pay an ICO fine of £250,000"
OTHER_CASE_UNPAID_BEFORE = re.compile(
    _OTHER_NAME + r"(?:[ \t]{1,3}£[\d.,]{1,15}[mk]?)?,?[ \t]{1,3}(?:failed|refused|did[ \t]{1,3}not|has[ \t]{1,3}not)"
    r"[ \t]{1,3}(?:to[ \t]{1,3})?pa(?:y|id)[ \t]{1,3}(?:(?:a|an|its|the)[ \t]{1,3})?(?:ICO[ \t]{1,3})?(?:fine|penalty)"
    r"[ \t]{1,3}of[ \t]{1,3}$")
# A place before the kind of firm it describes ("Manchester firm Acme Ltd"), never another party.
_KIND_AFTER_PLACE_RE = re.compile(r"[ \t]{1,3}(?:[a-z][\w-]{0,30}[ \t]{1,3}){0,2}(?:firm|company|business|provider|"
                                  r"agency|broker|brokerage|lender|retailer|marketer|operator|group|charity|"
                                  # ... and a public body: "a £70K fine for London council"
                                  r"council|trust|authority|hospital|school|university|college|force|surgery|practice)\b")
# A place after a described firm ("a finance firm from Manchester"), never another party.
_PLACE_OF_DESCRIBED_RE = re.compile(r"\b[a-z][\w-]{1,30}[ \t]{1,3}(?:from|in|of|near|based[ \t]{1,3}in)[ \t]{1,3}$")
# ... and a figure given against it: "£350,000 against nuisance call company Prodcall Ltd".
OTHER_CASE_AGAINST_AFTER = re.compile(r"^,?[ \t]{0,3}(?:(?:issued|imposed|levied)[ \t]{1,3})?(?:against|on|to)[ \t]{1,3}"
                                      r"(?:the[ \t]{1,3})?(?:[a-z][\w-]{0,30}[ \t]{1,3}){0,3}" + _OTHER_NAME)
# ... and as a round-up's subheading, a line of its own: "The Crown Prosecution Service fined £200,000".
OTHER_CASE_SUBHEADING = re.compile(r"^[ \t]{0,3}" + _OTHER_NAME + r"(?:[ \t]{1,3}\([A-Z][\w&.]{1,10}\))?[ \t]{1,3}"
                                   r"(?:fined|reprimanded|penalised)[ \t]{1,3}$")
# Words any organisation's name may hold: two names sharing only these are two organisations.
_NAME_STOP = {"the", "mr", "mrs", "ms", "ltd", "limited", "plc", "llp", "inc", "group", "uk", "company", "of", "and",
              "for", "council", "county", "borough", "city", "district", "police", "trust", "nhs", "foundation",
              "board", "authority", "services", "service", "university", "hospital", "hospitals",
              # a pronoun refers back to the party: "She was fined £750" is this case's fine
              "she", "he", "it", "they", "this", "that", "his", "her", "its", "their"}


def _name_tokens(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) >= 3 and w not in _NAME_STOP}


def _list_item(sentence: str, m: MoneySpan) -> re.Match[str] | None:
    """The list item the amount is the figure of ("- Oxfam - £6,000", "Oxfam: £6,000"), if any."""
    line = sentence[max(0, m.start - 200):m.start].rsplit("\n", 1)[-1]
    return LIST_ITEM_FIGURE_BEFORE.match(line) or (
        LIST_LINE_FIGURE_BEFORE.match(line) if _LINE_END_OR_REASON_AFTER.match(sentence[m.end:]) else None)


# Parties and figures paired in order: "The RSPCA and BHF were handed fines of £20,000 and £18,000 by
# the ICO respectively".
_RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.I)
_LISTED_NAME_RE = re.compile(r"[A-Z][\w&'’.-]{0,40}(?:[ \t]{1,3}(?:of|for|[A-Z][\w&'’.-]{0,40})){0,6}")


def _respective_owner(sentence: str, m: MoneySpan) -> str | None:
    """The name a "respectively" sentence pairs with the amount `m`: as many names before the
    first figure as there are figures, in the same order."""
    if not _RESPECTIVELY_RE.search(sentence[m.end:]):
        return None
    figures = [x.start for x in find_money(sentence) if x.currency == "GBP"]
    if m.start not in figures:
        return None
    names = [n for n in _LISTED_NAME_RE.findall(sentence[:figures[0]]) if not is_blocked(n)]
    return names[figures.index(m.start)] if len(names) == len(figures) else None


_OPENING_SUBJECT_RE = re.compile(_OTHER_NAME + r"[ \t]{1,3}(?:also[ \t]{1,3})?[a-z]{2,20}\b")
_FINED_JUST_BEFORE_RE = re.compile(r"\band[ \t]{1,3}(?:was|were|has[ \t]{1,3}been)[ \t]{1,3}(?:also[ \t]{1,3})?fined[ \t]{1,3}$")


def other_case_amount(sentence: str, m: MoneySpan, party_names: list[str]) -> bool:
    """Whether the words right around an amount give it to an organisation other than this party."""
    own = set().union(*(_name_tokens(n) for n in party_names)) if party_names else set()
    if not own:
        return False
    owner = _respective_owner(sentence, m)
    if owner is not None:
        return not _name_tokens(owner) & own
    before = sentence[max(0, m.start - 90):m.start]
    subject = OTHER_CASE_SUBJECT_BEFORE.search(before)
    if subject and _name_tokens(before[:subject.start()]) & own and "£" not in before[:subject.start()]:
        # "Marsh & Reed Ltd, based in Wigan, has been fined": an appositive (not "X was fined £9,000,
        # whilst Y was fined": Y's own clause)
        subject = None
    if subject and _PLACE_OF_DESCRIBED_RE.search(before[:subject.start()]):
        subject = None      # "A finance firm from Manchester has been fined": where the firm is
    heading = OTHER_CASE_SUBHEADING.match(sentence[:m.start])
    after = sentence[m.end:m.end + 90]
    against = OTHER_CASE_AGAINST_AFTER.search(after)
    if against and _name_tokens(after[:against.end() + 40]) & own:
        against = None      # "£180,000 against Glasgow boiler firm Acme Ltd": a place before our name
    # "a £30,000 fine to Manchester firm Acme Ltd": the place describes our firm, it names no other
    for_party = OTHER_CASE_FOR_AFTER.search(after) \
        if _RANGE_END_BEFORE.search(before) or sentence.count("£") >= 2 else None
    named_after = [f for f in (OTHER_CASE_AFTER.search(after), against, for_party)
                   if f and not _KIND_AFTER_PLACE_RE.match(after[f.end("name"):])]
    unpaid = OTHER_CASE_UNPAID_BEFORE.search(before)
    # the sentence's subject, far before its verb: "Facebook also came in for criticism from the
    # commissioner and was fined £500,000"
    opening = _OPENING_SUBJECT_RE.match(sentence) if _FINED_JUST_BEFORE_RE.search(before) else None
    listed = OTHER_CASE_BRACKET_BEFORE.search(before) or _list_item(sentence, m)
    for found in (*named_after, OTHER_CASE_BEFORE.search(before), subject, unpaid, listed, heading, opening):
        if found and not is_blocked(found.group("name")):      # "calls about PPI has been fined": no party
            tokens = _name_tokens(found.group("name"))
            if tokens and not tokens & own and found.group("name").split()[0] not in ("ICO", "Information"):
                return True
    return False


# A threshold, not an amount imposed: "any penalty of over £1 million is reserved for...".
THRESHOLD_BEFORE = re.compile(r"\b(?:over|more than|in excess of|exceed|exceeds|exceeding|above|below|under|less than|"
                              r"at least|at most)\s*$", re.I)
EARLY_AFTER = re.compile(r"^[^.£]{0,60}\b(?:if|when|in the event|provided|should)\b[^.£]{0,60}\bpa(?:id|ys|y|yment)\b|"
                         r"^[^.£;]{0,25}\b(?:for|with|on|after|given|under|as|by)\b[^.£;]{0,15}\bearly payment|"
                         r"^[^.£]{0,30}\bwithin 28 days", re.I)
PENALTY_NEAR_BEFORE = re.compile(
    r"(?:penalty|penalties|fine|fined|fining|penali[sz]ed|MPN|sum|amount|totalling|pay|impose|imposing|issued|"
    # press's verbs of paying: "told the council to cough up £120,000"
    r"cough(?:s|ed|ing)?\s+up|fork(?:s|ed|ing)?\s+out|shell(?:s|ed|ing)?\s+out|stump(?:s|ed|ing)?\s+up|"
    r"reduced to|settled\s+(?:(?:the\s+)?(?:matter|case|penalty|fine)\s+)?(?:for|at|on)|lands?\s+at|landed\s+at|set\s+at|cut\s+to|lowered\s+to)[^£.]{0,60}$", re.I)
# Press verbs for fining, before a figure that no penalty word follows.
PRESS_FINED_BEFORE = re.compile(r"\b" + PRESS_FINING_VERBS + r"\b[^£.;]{0,40}$", re.I)
# A figure an issued action is "for", however long the party's name between them.
ISSUED_FOR_BEFORE = re.compile(r"\b(?:was|were|been)\s+(?:issued|imposed|served)\b[^£.;]{0,120}\bfor\s*$", re.I)
PENALTY_NEAR_AFTER = re.compile(r"^\)?\s*(?:\([^)]*\)\s*)?(?:monetary )?(?:fine|penalty|mpn)\b", re.I)
# ... with the words press puts between: "a £70K data breach fine", "a £500,000 ICO penalty". (Mostly
# a headline's: it counts a little less, so the story's own sentence stays the figure's evidence.)
PENALTY_DESCRIBED_AFTER = re.compile(r"^\s*(?:(?:data[ -]breach|data[ -]protection|ICO|GDPR|PECR|privacy|"
                                     r"nuisance[ -]calls?|spam|civil|fixed)\s+){1,2}(?:monetary )?(?:fine|penalty)\b", re.I)
PENALTY_WORD_RE = re.compile(r"\b(?:fine[ds]?|fining|penalt\w+|MPN)\b", re.I)
# The verb's figure after the party and a description of it: "fining Halford's, the UK's leading
# retailer for bicycles and car parts, £30,000 for sending..." (no other figure between).
FINED_FAR_BEFORE = re.compile(r"\b(?:fined|fining|fines)\b[^£.;]{60,160}$", re.I)
# "the £6.09m it proposed last summer", "£4m originally proposed": a figure named as the proposal.
PROPOSED_AFTER = re.compile(r"^[^.£;]{0,25}\b(?:proposed|provisionally|originally|initially)\b", re.I)
PROPOSED_BEFORE = re.compile(r"(?:propos\w+|notice of intent|provisional\w*|intend\w*|initial\w*|"
                             r"original\w*)[^£.]{0,50}$|\bfrom\s{0,3}$", re.I)
_TO_BEFORE = re.compile(r"\bto\s*$")
MULTIPLIER_RE = re.compile(r"\d\s*(?:m|mn|million|bn|billion|k)\b", re.I)
# A cut after the penalty was issued (appeal, tribunal, a settlement of the appeal) is `reduced`;
# a final penalty lower than its notice of intent is just `final`, with the proposal kept apart.
AFTER_ISSUE_RE = re.compile(r"\b(?:appeal\w*|tribunal|FTT|UKFTT|court|varied|on\s+review|after\s+(?:it\s+was\s+)?issu\w+|"
                            r"(?:MPN|penalty\s+notice|penalty|fine)\s+(?:\([A-Z]{2,5}\)\s+)?(?:imposed|issued|served))\b", re.I)
# A text that tells of an appeal: a cut it reports came after the penalty was issued.
_APPEAL_WORD_RE = re.compile(r"\bappeal\w*|\btribunal\b|\bFTT\b", re.I)
# A cut told in other words: "The FTT reduced the penalty to £92,000", "agreed to reduce the £500,000
# MPN imposed on the Cabinet Office ... to £50,000", "... from £1.35 million to £250,000".
# (and a tribunal's own: "The Tribunal substitutes a decision notice in the sum of £85,000")
REDUCTION_VERB_RE = re.compile(r"\b(?:reduc\w{1,6}|cut|lower(?:ed|s|ing)?|slash\w{0,4}|decreas\w{1,4}|"
                               r"substitut\w{1,6}(?=\s{1,3}(?:an?\s{1,3}|the\s{1,3})?(?:decision|monetary|penalty)))\b", re.I)
_REDUCED_TO_RE = re.compile(r"\bto\s{0,3}$|\b(?:sum|amount)\s{1,3}of\s{0,3}$")
# A cut that is the proposal's, not the issued penalty's: a notice of intent, a hypothetical figure.
_PROPOSAL_WORDS_RE = re.compile(r"\b(?:propos\w+|intent\w*|intend\w*|provisional\w*|initial\w*|original\w*|"
                                r"would\s+have|could\s+have|otherwise)\b", re.I)
REDUCED_RE = re.compile(r"reduc\w+ (?:the (?:fine|penalty) )?from\s*(£[\d.,]+\s?(?:m|million|bn)?)\s*to\s*"
                        r"(£[\d.,]+\s?(?:m|million|bn)?)|(?:fine|penalty) (?:was|has been) reduced", re.I)


# A cut of a penalty the sentence names as another's: "lowered its fine for Marriott ... to £18.4m",
# in a story about Ticketmaster.
_FINE_OF_NAMED_RE = re.compile(r"\b(?:fine|penalty)[ \t]{1,3}(?:on|for|against|imposed[ \t]{1,3}on)[ \t]{1,3}"
                               r"(?:the[ \t]{1,3})?" + _OTHER_NAME)


def _cut_of_another(sentence: str, party_names: list[str]) -> bool:
    """Whether a sentence telling of a cut names another organisation's penalty, and not this party."""
    own = set().union(*(_name_tokens(n) for n in party_names)) if party_names else set()
    if not own or _name_tokens(sentence) & own or not REDUCTION_VERB_RE.search(sentence):
        return False
    return any(_name_tokens(m.group("name")) and not is_blocked(m.group("name"))
               for m in _FINE_OF_NAMED_RE.finditer(sentence))


def find_reduction(sentence: str, appeal_in_text: bool) -> tuple[int | None, int, bool] | None:
    """(figure before, figure after, whether the cut came after issue) of a sentence telling of a cut.

    The figure before may be missing ("reduced the penalty to £92,000"): the caller then takes it
    from the rest of the text. A cut is after issue when the sentence says so (appeal, tribunal,
    "the MPN imposed on"), or when the text tells of an appeal and this sentence does not speak
    of a proposal.
    """
    verb = REDUCTION_VERB_RE.search(sentence)
    if verb is None:
        return None
    rest = sentence[verb.end():verb.end() + 250]
    amounts = [m for m in find_money(rest) if m.currency == "GBP" and m.amount >= 100]
    new = next((m for m in amounts if _REDUCED_TO_RE.search(rest[max(0, m.start - 16):m.start])), None)
    if new is None or EARLY_AFTER.search(rest[new.end:new.end + 60]) or EARLY_BEFORE.search(
            sentence[max(0, verb.start() - 100):verb.end()] + rest[:new.start]):
        return None
    earlier = [m.amount for m in amounts if m.start < new.start and m.amount > new.amount]
    old = earlier[-1] if earlier else None
    # The verb's own line: a timeline's rows run together ("Proposed £17m fine | Reduced to £7.5m").
    line = sentence[sentence.rfind("\n", 0, verb.start()) + 1:]
    line = line[:line.find("\n")] if "\n" in line else line
    if _PROPOSAL_WORDS_RE.search(line):
        return old, new.amount, False
    return old, new.amount, bool(AFTER_ISSUE_RE.search(line)) or appeal_in_text


_GROUP_RELATION_RE = re.compile(r"\b(?:parent|holding|sister)\s+compan(?:y|ies)\b|\bsubsidiar(?:y|ies)\b", re.I)


def _one_group(sentence: str, party_names: list[str]) -> bool:
    """Whether the parties a sentence penalises together are one group: a company and its parent
    or subsidiary ("X Water Plc and its parent company X Plc"), or names that share the party's
    first word ("Capita plc and Capita Pension Solutions"). Several firms of a round-up are not."""
    if _GROUP_RELATION_RE.search(sentence):
        return True
    firsts = {n.split()[0].lower() for n in party_names if n.split() and len(n.split()[0]) >= 3}
    words = re.findall(r"[\w'-]+", sentence.lower())
    return any(words.count(first) >= 2 for first in firsts)


# How close a figure may be to the early-payment one and still be its rounding ("almost £150,000" of £148,000).
DISCOUNT_ROUNDING = 0.03


# What a penalty paid within 28 days costs: the ICO takes 20% off. A cut to exactly that figure, told
# with the paying or settling, is that discount.
EARLY_PAYMENT_SHARE = 0.8
_PAID_OR_SETTLED_RE = re.compile(r"\b(?:pa(?:y|ys|id|ying|yment)|settle\w*)\b", re.I)


# What a court orders paid besides its fine: "£250 compensation to 12 patients, totalling £3,000".
_PAID_TO_SOMEONE_RE = re.compile(r"\b(?:costs?|compensation|damages|surcharge)\b", re.I)


def _is_early_payment_figure(value: int, figures: set[int]) -> bool:
    """Whether a figure is exactly the early-payment one of another the text gives: 80% of it."""
    return any(abs(value - EARLY_PAYMENT_SHARE * v) <= 1 for v in figures if v != value)


def is_discounted(sentence: str, m: MoneySpan) -> bool:
    """Whether the text gives the amount as the figure after the early-payment discount."""
    return bool(EARLY_BEFORE.search(sentence[max(0, m.start - 70):m.start]) or EARLY_AFTER.search(sentence[m.end:m.end + 90]))


# What a figure right beside a penalty word scores ("fined £70,000", "a £70,000 penalty").
PENALTY_SCORE = 3.0
DESCRIBED_PENALTY_SCORE = PENALTY_SCORE - 1     # see PENALTY_DESCRIBED_AFTER


# The maximum imposed: "has fined Fenland Dialling Ltd the maximum £500,000", "was hit with the maximum
# penalty of £500,000" (not "fines of up to the maximum £17.5m", nor "could face the maximum £500,000").
MAXIMUM_IMPOSED_BEFORE = re.compile(
    r"\b(?:fined|handed|hit\s+with|issued|imposed|levied|slapped\s+with|given|received|served)\s+"
    r"(?:[\w&.'’-]{1,30}\s+){0,5}?(?:the|a)\s+maximum\s+(?:possible\s+|permitted\s+)?"
    r"(?:(?:fine|penalty|sum)\s+(?:of\s+)?)?$", re.I)
MAXIMUM_ONLY_POSSIBLE_BEFORE = re.compile(r"\b(?:could|would|may|might|can|faces?|facing|risks?|risking)\b", re.I)


def words_before(sentence: str, end: int, width: int) -> str:
    """Up to `width` characters of `sentence` before `end`, less a word the cut splits: the tail
    "worth" of "Marshworth Crown Court" is no word "worth" (a firm's worth, not the penalty)."""
    start = max(0, end - width)
    while 0 < start < end and sentence[start - 1].isalnum() and sentence[start].isalnum():
        start += 1
    return sentence[start:end]


def penalty_score(sentence: str, m: MoneySpan, *, group_sum: bool = False) -> float | None:
    """How much the words around an amount say "this is the penalty"; None: it is not. A sum of
    several fines is none, unless `group_sum` asks how much it would say so."""
    before = words_before(sentence, m.start, 70)
    near_before = words_before(sentence, m.start, 45)
    after = sentence[m.end:m.end + 90]
    if is_discounted(sentence, m):
        return None
    not_penalty = NOT_PENALTY_BEFORE.search(near_before)
    # ("the maximum" is no figure but the penalty when it was imposed)
    imposed_maximum = bool(not_penalty and not_penalty.group(0).lower().startswith("max")
                           and MAXIMUM_IMPOSED_BEFORE.search(before) and not MAXIMUM_ONLY_POSSIBLE_BEFORE.search(before))
    if (not_penalty and not imposed_maximum) or NOT_PENALTY_AFTER.search(after):
        return None
    if not group_sum and (GROUP_SUM_BEFORE.search(near_before) and not ONE_PARTYS_TOTAL_BEFORE.search(before)
                          or GROUP_SUM_AFTER.search(after)
                          or GROUP_SUBJECT_BEFORE.search(sentence[:m.start])
                          or (GROUP_PENALTIES_BEFORE.search(words_before(sentence, m.start, 240))
                              and not _EACH_AFTER_RE.match(after))):
        return None
    if THRESHOLD_BEFORE.search(before):
        return None
    if HYPOTHETICAL_BEFORE.search(words_before(sentence, m.start, 60)) or HYPOTHETICAL_AFTER.search(after):
        return None
    score = 0.0
    if PENALTY_NEAR_BEFORE.search(before):
        score += PENALTY_SCORE
    if PENALTY_NEAR_AFTER.search(after):
        score += PENALTY_SCORE
    elif PENALTY_DESCRIBED_AFTER.search(after):
        score += DESCRIBED_PENALTY_SCORE
    elif PRESS_FINED_BEFORE.search(before):
        score += PENALTY_SCORE      # no penalty word after it: "has slapped Fenland Telecom with a £77,000 for ..."
    elif ISSUED_FOR_BEFORE.search(words_before(sentence, m.start, 140)):
        score += PENALTY_SCORE      # "The latest was issued on 30 June 2022 to Acme NHS Trust for £78,400"
    elif not PENALTY_NEAR_BEFORE.search(before) and FINED_FAR_BEFORE.search(words_before(sentence, m.start, 170)):
        score += 2
    if PENALTY_WORD_RE.search(sentence):
        score += 1
    if LISTED_FIGURE_AFTER.match(after) and not before.strip(" \t•*▪–-0123456789.)"):
        score += 3       # a list item that opens with its figure: "1. £180,000 issued against Acme Ltd"
    elif _list_item(sentence, m):
        score += 2       # a list of fines, one a line: "- Oxfam - £6,000" (other names' lines are theirs)
    return score if score > 0 else None


LISTED_FIGURE_AFTER = re.compile(r"^[ \t]{1,3}(?:(?:fine|penalty)[ \t]{1,3})?(?:issued|imposed|levied)[ \t]{1,3}"
                                 r"(?:against|on|to)\b", re.I)


# The regulator's own penalty, in a story about a prosecution: an earlier action, not the court's fine.
CIVIL_PENALTY_AFTER = re.compile(r"^[^£.;]{0,15}\b(?:civil\s+)?monetary\s+penalty|^[^£.;]{0,15}\bpenalty\s+notice", re.I)
CIVIL_PENALTY_BEFORE = re.compile(r"\bmonetary\s+penalty\s+(?:notice\s+)?of\s*$", re.I)


# A court's rate, not the sum: "fined £200 on each count", "£400 for each breach". The sum is the rate
# times the counts the text names ("denied three counts"), when it states no total.
RATE_AFTER = re.compile(r"^\s{0,3}(?:for|on|per)\s{1,3}(?:each\s{1,3})?(?:of\s{1,3}the\s{1,3}(?:\w{1,20}\s{1,3})?)?"
                        r"(?P<unit>breach|offence|charge|count)\b", re.I)
_UNITS_COUNTED_RE = {unit: re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(SMALL_NUMBERS) + r")\s{1,3}"
                                      r"(?:separate\s{1,3}|further\s{1,3})?" + plural + r"\b", re.I)
                     for unit, plural in (("breach", "breaches"), ("offence", "offences"), ("charge", "charges"),
                                          ("count", "counts"))}
# How far into a court report the counts are looked for.
SCAN_UNITS_CHARS = 20_000


def units_charged(text: str, unit: str) -> int | None:
    """How many counts (offences, breaches, charges) a court report names: "denied three counts"."""
    m = _UNITS_COUNTED_RE[unit.lower()].search(text[:SCAN_UNITS_CHARS])
    if m is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else SMALL_NUMBERS[n]


def find_amount(p: Prepared, *, provisional: bool = False, party_names: list[str] | None = None,
                court: bool = False) -> AmountFinding | None:
    """The penalty in pounds, by context scoring of every GBP amount in the text.

    In a final notice an amount introduced as proposed ("the penalty he proposed was £X",
    "the notice of intent set £X") is the provisional figure, kept apart; in a provisional
    document it is the figure. An amount the text gives to another organisation than
    `party_names` ("£183m fine on British Airways") is not this action's. In a prosecution
    (`court`), the regulator's own monetary penalty is an earlier action, not the court's fine.
    """
    names = [n for n in party_names or [] if n]
    scores: dict[int, float] = {}
    first_span: dict[int, Span] = {}
    best_local: dict[int, float] = {}
    precise: dict[int, bool] = {}
    proposed: dict[int, float] = {}
    reduced: AmountFinding | None = None
    appeal_in_text = bool(_APPEAL_WORD_RE.search(p.clean.text[:20000]))
    abbreviated: dict[int, bool] = {}   # only ever written as "£3.07m": a headline's figure
    group_sums: dict[int, tuple[float, Span]] = {}   # "a combined £963,900": used when nothing else is
    rate_sums: dict[int, Span] = {}     # "£200 on each count" times "three counts": likewise
    discounted: set[int] = set()        # the early-payment figure: "a 20 per cent discount (£120,000)"
    summed: set[int] = set()            # a figure the text gives as several fines' sum anywhere
    first_discounted: dict[int, Span] = {}  # ... and the sentence that first tells each
    not_penalty: set[int] = set()       # a figure the text calls costs or compensation (not a fine) somewhere
    called_a_fine: set[int] = set()     # ... and one it calls a fine or penalty where it scores
    figures: set[int] = set()           # every sum in pounds the text gives
    paid_told: set[int] = set()         # ... and those told in a sentence of paying or settling
    for s in p.sentences:
        if "£" not in s.text and "GBP" not in s.text and "pound" not in s.text.lower() \
                and not BARE_PENALTY_RE.search(s.text):
            continue
        paying = bool(_PAID_OR_SETTLED_RE.search(s.text))
        for m in find_money(s.text):
            if m.currency != "GBP" or m.amount < 100:
                continue
            figures.add(m.amount)
            if paying:
                paid_told.add(m.amount)
            rate = RATE_AFTER.match(s.text[m.end:m.end + 50])
            if rate:
                units = units_charged(p.clean.text, rate.group("unit"))
                if units:
                    rate_sums.setdefault(m.amount * units, (s.start, s.end))
                continue
            score = penalty_score(s.text, m)
            if score is None and _PAID_TO_SOMEONE_RE.search(s.text[max(0, m.start - 45):m.end + 40]):
                not_penalty.add(m.amount)
            if score is not None and PENALTY_WORD_RE.search(s.text[max(0, m.start - 60):m.end + 30]):
                called_a_fine.add(m.amount)
            if score is None and is_discounted(s.text, m):
                discounted.add(m.amount)
                first_discounted.setdefault(m.amount, (s.start, s.end))
            if score is None:
                as_sum = penalty_score(s.text, m, group_sum=True)
                if as_sum is not None:
                    summed.add(m.amount)
                if as_sum is not None and as_sum > group_sums.get(m.amount, (-1.0, (0, 0)))[0] \
                        and _one_group(s.text, names) and not other_case_amount(s.text, m, names):
                    group_sums[m.amount] = (as_sum, (s.start, s.end))
                continue
            if names and other_case_amount(s.text, m, names):
                continue
            if court and (CIVIL_PENALTY_AFTER.search(s.text[m.end:m.end + 40])
                          or CIVIL_PENALTY_BEFORE.search(s.text[max(0, m.start - 40):m.start])):
                continue
            before = s.text[max(0, m.start - 60):m.start]
            after = s.text[m.end:m.end + 40]
            if not provisional and (PROPOSED_BEFORE.search(before) and not _TO_BEFORE.search(before)
                                    or PROPOSED_AFTER.search(after)):
                proposed[m.amount] = proposed.get(m.amount, 0) + score
                continue
            scores[m.amount] = scores.get(m.amount, 0.0) + score
            if score > best_local.get(m.amount, -1):
                best_local[m.amount] = score
                first_span[m.amount] = (s.start, s.end)
            precise[m.amount] = precise.get(m.amount, False) or not m.rounded
            abbreviated[m.amount] = abbreviated.get(m.amount, True) and bool(MULTIPLIER_RE.search(m.text))
        if reduced is not None or _cut_of_another(s.text, names):
            continue
        r = REDUCED_RE.search(s.text)
        if r and r.group(1):
            old, new = parse_money(r.group(1)), parse_money(r.group(2))
            if old and new and new < old:
                reduced = AmountFinding(new, (s.start, s.end), proposed=old,
                                        reduced=bool(AFTER_ISSUE_RE.search(s.text)))
        if reduced is None:
            cut = find_reduction(s.text, appeal_in_text)
            if cut is not None and cut[2]:
                reduced = AmountFinding(cut[1], (s.start, s.end), proposed=cut[0], reduced=True)
    if reduced is not None:
        if reduced.proposed is None:
            # "reduced the penalty to £92,000": the figure before is the penalty the text gives.
            higher = [v for v in scores if v > reduced.amount]
            if higher:
                reduced = replace(reduced, proposed=max(higher, key=lambda v: scores[v]))
        told = p.clean.text[reduced.span[0]:reduced.span[1]]
        if not (_PAID_OR_SETTLED_RE.search(told) and _is_early_payment_figure(reduced.amount, figures | {reduced.proposed or 0})):
            return reduced
        # The regulator's standing 20% off for paying early is no cut, however it is worded ("Swift
        # settlement means the penalty is reduced considerably to £14,400" of £18,000): the penalty is
        # the figure before.
        discounted.add(reduced.amount)
    # "ordered to pay £3,000" in a headline, which the text tells as "£250 compensation to 12 patients,
    # totalling £3,000": a figure the text calls something else, and never a fine, is no penalty.
    for value in [v for v in scores if v in not_penalty and v not in called_a_fine]:
        del scores[value]
    if not scores and len(discounted) >= 2:
        # "£325,000, if paid at the latest, or £260,000 if paid by 13 June": both told with their
        # paying, the penalty is the one the other is the early-payment figure of.
        full = [v for v in discounted if any(_is_early_payment_figure(d, {v}) for d in discounted)]
        if full:
            return AmountFinding(max(full), first_discounted[max(full)])
    if not scores and rate_sums:
        total, span = next(iter(rate_sums.items()))
        return AmountFinding(total, span)
    if not scores:
        if not group_sums:
            return None
        total = max(group_sums, key=lambda v: group_sums[v][0])
        return AmountFinding(total, group_sums[total][1])
    # The regulator's 20% off for paying early, told only as what was paid ("has paid a fine of
    # £260,000" of the £325,000 imposed): exactly 80% of another penalty figure, and paid. That
    # figure is the penalty, also where the text calls it the original one ("initially fined £70,000,
    # down to £56,000 for paying promptly").
    for value in [v for v in scores if v in paid_told]:
        imposed = next((f for f in (*scores, *proposed) if _is_early_payment_figure(value, {f})), None)
        if imposed is None:
            continue
        discounted.add(value)
        if imposed not in scores:
            del proposed[imposed]
            scores[imposed], first_span[imposed], precise[imposed] = PENALTY_SCORE, first_span[value], True
    # The early-payment figure a headline repeats ("Police Force Pays £120,000 Penalty") is not the
    # penalty imposed when the text names that too; nor is its rounding ("fined almost £150,000").
    paid_early = [v for v in scores if any(abs(v - d) <= DISCOUNT_ROUNDING * d for d in discounted)]
    if paid_early and len(paid_early) < len(scores):
        for value in paid_early:
            del scores[value]
    # ... nor a sum of several fines a headline gives to one party ("company fined £225,000" over
    # "two monetary penalties totalling £225,000"), when the text gives that party's own figure too.
    # (One group's fines together are that group's penalty: Capita plc's £8m and Capita Pension
    # Solutions' £6m, "a combined total of £14m".)
    as_sums = [v for v in scores if v in summed and v not in group_sums]
    if as_sums and len(as_sums) < len(scores):
        for value in as_sums:
            del scores[value]
    # A rounded headline ("£6m") gives its weight to the precise figure it rounds (£6.09m), and
    # so does an abbreviated one ("£3.07m") to the exact figure with more digits (£3,076,320).
    for value in sorted(scores, key=significant_digits):
        if value not in scores:
            continue
        if precise.get(value):
            if not abbreviated.get(value):
                continue
            matches = [v for v in scores if v != value and not abbreviated.get(v)
                       and significant_digits(v) > significant_digits(value) and abs(v - value) / value < 0.05]
        else:
            matches = [v for v in scores if v != value and precise.get(v) and abs(v - value) / value < 0.05]
        if matches:
            target = max(matches, key=lambda v: scores[v])
            scores[target] += scores.pop(value)
    best = max(scores, key=lambda v: (scores[v], precise.get(v, False), -first_span[v][0]))
    prop = max(proposed, key=lambda v: proposed[v]) if proposed else None
    return AmountFinding(best, first_span[best], proposed=prop if prop != best else None)
