"""Who the action is against: candidate names, alias grouping and the names that never are.

Pure string logic: the extractor feeds it candidate names (from notice headings, from enforcement
patterns such as "issued a reprimand to X", and from spaCy ORG entities in enforcement sentences),
each with a weight. Names of one party are grouped ("Advanced", "OneAdvanced", "Advanced Computer
Software Group Ltd", "We Buy Any Car Limited" / "WBAC") and the heaviest group wins.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from pipeline.extract.dates import MONTH_NAMES
from pipeline.names import has_legal_suffix, initials, normalise_name

logger = logging.getLogger(__name__)

LEGAL_SUFFIX_RE = re.compile(r"\b(?:Ltd|Limited|PLC|plc|LLP|Inc|Incorporated|CIC|Council|Trust|"
                             r"School|Association|Group|Company|Corporation|LLC|Partnership|Police|"
                             r"Office|Ministry|Department|Commission|Union|Society|University|College|"
                             r"Service|Services|Authority|Charity|Board)\b\.?")

# Parties that are never the penalised organisation: the regulator and its instruments, courts,
# laws, and bodies that are usually victims or context. Compared on the normalised name.
NEVER = {
    "ico", "information commissioner", "information commissioners office", "commissioner",
    "the commissioner", "uk information commissioner", "information commissioner s office",
    "tribunal", "first tier tribunal", "upper tribunal", "ftt", "ukftt", "ut", "ukut", "court", "high court", "court of appeal",
    "gdpr", "uk gdpr", "eu gdpr", "dpa", "data protection act", "pecr", "tps", "ctps",
    "telephone preference service", "telephone preference services", "corporate telephone preference service",
    "nhs", "nhs england",
    "government", "gov", "companies house", "ncsc", "national cyber security centre", "action fraud",
    "ofcom", "fca", "financial conduct authority", "european union", "eu", "edpb", "regulator",
    "the regulator", "general data protection regulation", "privacy and electronic communications",
    "supervisory powers of the information commissioner", "data protection", "article", "section",
    "bbc", "bbc news", "reuters", "the guardian", "gdprhub", "noyb", "police",
    "regulatory action policy", "rap", "mpn", "dpia", "sar", "foia", "solicitors regulation authority",
    "sra", "crown", "crown copyright", "ico s", "data protection authority", "dpa s", "uk",
    "secretary of state", "parliament", "house of commons", "ccs", "the controller", "controller",
    "the processor", "direct marketing", "information", "personal data", "the claimant",
    "dpo", "data protection officer", "union", "member state", "state", "foi", "wdtk",
    "what do they know", "the defendant", "the appellant", "the respondent", "appellant", "respondent",
    "judge",
    # a currency's code, where a figure reads "fined GBP£500"
    "gbp", "eur", "usd",
    # a picture agency's credit ("(Lewis Stickley/PA) (PA Archive)"); the enforcers a story thanks for intelligence
    "pa archive", "pa wire", "trading standards", "national trading standards",
    # other enforcers a story tells of beside the ICO's action ("the Insolvency Service disqualified its
    # director after the ICO's fine", "the Crown Prosecution Service charged"): they act, never the party
    # ("The Insolvency Service" is found too: `norm_name` drops the article)
    "insolvency service", "crown prosecution service", "cps", "national crime agency", "serious fraud office",
    # the regulator's sanctions, which headlines capitalise ("The ICO also issued Practice Recommendations")
    "practice recommendation", "practice recommendations", "enforcement notice", "enforcement notices",
    "information notice", "information notices", "monetary penalty notice", "monetary penalty notices",
    # regulators abroad, quoted beside ICO cases ("the Federal Trade Commission fined ..."), never the ICO's party
    "federal trade commission", "ftc", "cnil", "acma", "australian communications and media authority",
    "data protection commission", "data protection commissioner", "dpc", "securities and exchange commission",
    # a trade body that comments on marketing cases, a product, a kind of workplace
    "direct marketing association", "dma", "ppi", "payment protection insurance", "call centre", "call center",
    # a technology a story names in capitals ("the SMS messages", "CCTV footage")
    "sms", "cctv", "rss", "gps", "pdf", "usb", "vpn", "url",
    # Pronouns open sentences ("It is a confiscation order..."); they refer, they never name.
    "it", "its", "we", "our", "us", "they", "their", "he", "she", "this", "that", "there", "these",
    # A bare common noun is a back-reference ("the council"), never a name.
    "council", "company", "trust", "school", "firm", "organisation", "department", "authority",
    "university", "charity", "business", "group", "service", "services",
}
_GENERIC_FIRST_WORDS = {"article", "section", "regulation", "regulations", "schedule", "paragraph",
                        "annex", "part", "chapter", "penalty", "notice", "monetary", "the", "data",
                        "dated", "date", "to", "of", "between", "case", "reference", "in", "on"}


_TWO_PARTIES_RE = re.compile(r"(?<=\b(?:Ltd|LLP|PLC|plc|Inc))\.?,?\s+(?:and|&)\s+|"
                             r"(?<=\bLimited),?\s+(?:and|&)\s+|"
                             r"(?:(?<=\bCouncil)|(?<=\bPolice)|(?<=\bTrust)|(?<=\bBoard))(?:,?\s+(?:and|&)|,)\s+(?=[A-Z])|"
                             # "the British Heart Foundation and the RSPCA": no name holds "and the"
                             r"\s+and\s+the\s+(?=[A-Z])")
_TWO_PLACED_PARTIES_RE = re.compile(r"(.+?)[ \t]in[ \t]+[A-Z][\w'-]+[ \t]+(?:and|&)[ \t]+(.+?)[ \t]in[ \t]+[A-Z][\w'-]+")
# A kind of organisation as a headline describes it ("Home Improvement Firm fined"), never a name.
_DESCRIBED_KINDS = frozenset({"firm", "company", "business", "provider", "operator", "retailer", "marketer",
                              "lender", "broker", "supplier", "outfit", "giant"})
# A kind of organisation in the plural ("Charities fined £138,000"): a group, never one party.
PLURAL_KINDS = frozenset({"charities", "councils", "firms", "companies", "businesses", "hospitals", "trusts",
                           "schools", "forces", "authorities", "organisations", "organizations", "banks",
                           "retailers", "lenders", "insurers", "callers", "spammers", "texters", "bodies"})


# Words of an institution's kind: a name made only of these ("NHS Trust", "City Council") is a kind an
# outlet writes in place of the name, never a party's name. ("University Hospital" may be the head of a
# name a line break cut: "... a reprimand to the University Hospital / of Derby and Burton".)
_INSTITUTION_WORDS = frozenset({"nhs", "trust", "foundation", "council",
                                "county", "city", "borough", "district", "police", "service", "health", "board",
                                "authority", "school", "college", "clinical", "commissioning", "primary", "care",
                                "local", "the", "and", "of"})


# A nation's or a region's adjective before a kind of health body or council ("a Scottish health
# board"). Not "British" ("British Council") and not a police body ("Scottish Police Authority"):
# those are names.
_NATIONAL_WORDS = frozenset({"scottish", "welsh", "english", "irish", "regional", "local"})
_KIND_AFTER_NATION = frozenset({"health", "board", "nhs", "trust", "council", "county", "borough", "district", "city",
                                "local", "and"})


# A person's kind, said alone in a headline ("Man fined for selling records"), is never a name.
_PERSON_KINDS = frozenset({"man", "woman", "lawyer", "solicitor", "barrister", "nurse", "doctor", "receptionist",
                           "worker", "employee", "director", "manager", "officer", "clerk", "trainee", "boss",
                           "businessman", "businesswoman", "owner", "trader", "agent", "consultant", "adviser",
                           "advisor", "secretary", "administrator", "assistant", "councillor", "teacher",
                           # a member of a parliament, described by the office: "penalty on MP", "a London MP"
                           "mp", "msp", "mep", "politician"})


# A count of parties ("Two debt collection agencies", "Eleven of Britain's best-known charities").
_COUNT_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                          "thirteen", "fourteen", "fifteen", "twenty", "dozens", "hundreds", "thousands", "several",
                          "many", "some", "all", "both", "few", "most"})


# What a company is to another, never a name: "its parent company", "a holding company".
_RELATION_WORDS = frozenset({"parent", "holding", "sister", "subsidiary", "mother", "group"})


# A company's own form at the end of a name: whatever its first words, it names a company.
_ENDS_IN_COMPANY_RE = re.compile(r"\b(?:company|ltd|limited|plc|llp)$")


def norm_name(name: str) -> str:
    """The key names are grouped on: the one normal form of pipeline.names (linking uses it too)."""
    return normalise_name(name)


# The labels of a table's columns.
_FIELD_LABELS = frozenset({"name", "date", "number", "tier", "type", "amount", "address", "reference", "status"})


def is_blocked(name: str, extra: set[str] | None = None) -> bool:
    """Whether `name` can never be the penalised party (regulator, court, law, outlet...)."""
    key = norm_name(name)
    if not key or len(key) < 2:
        return True
    if key in NEVER or (extra and key in extra):
        return True
    full = " ".join(re.sub(r"[^a-z0-9 ]+", " ", name.lower()).split())
    if full in NEVER:
        return True
    # The regulator under any of its names ("UK ICO", "the Information Commissioner's Office"); another
    # commissioner ("the Welsh Language Commissioner") may be a party.
    if ("information commissioner" in key or "tribunal" in key or "ico" in key.split()
            or re.match(r"(?:(?:deputy|assistant|the)\s)?commissioner\b", key)):   # "Commissioner John Edwards"
        return True
    words = key.split()
    spelt = full.split()
    if len(spelt) >= 2 and spelt[0] in ("a", "an") and not re.search(r"\b(?:ltd|limited|plc|llp)\b", full):
        return True                          # "A GP", "A COUNCIL in Yorkshire": a description, not a name
    if re.fullmatch(r"(?:[Tt]he\s)?[A-Z]{2,6}s", name.strip()):
        return True                          # a plural acronym names things: "The DVDs were the only records"
    if full in _PERSON_KINDS or (len(spelt) <= 3 and spelt[-1] in _PERSON_KINDS
                                 and not re.search(r"\b(?:ltd|limited|plc|llp|inc)\b", full)):
        return True                          # "Man", "Care Assistant": a person described, not named
    if key in _RELATION_WORDS:
        return True                          # "Parent Company" (the key drops "company"), "Holding Company"
    if re.fullmatch(r"dpp\s?\d|principle \d", full):
        return True                          # "another DPP7 breach": the seventh data protection principle
    singular = [_singular(w) for w in spelt]
    if set(singular) <= _INSTITUTION_WORDS or (len(spelt) >= 2 and spelt[0] in _NATIONAL_WORDS
                                               and set(singular[1:]) <= _KIND_AFTER_NATION):
        return True                          # "NHS Trust", "Scottish Health Board", "Local Authorities": a kind
    if len(words) >= 2 and words[-1] in _DESCRIBED_KINDS and not re.search(r"\b(?:ltd|limited|plc|llp|inc)\b", key):
        return True                          # a description in Title Case: "Home Improvement Firm"
    if key in PLURAL_KINDS or _counts_parties(words) or _counts_parties(spelt) \
            or (len(spelt) == 1 and spelt[0] in _COUNT_WORDS):
        return True                          # "Charities", "Two firms", "Two" (not "Department for Schools")
    if any(w in PLURAL_KINDS and nxt in ("for", "over", "after") for w, nxt in zip(words, words[1:])):
        return True                          # a headline's "Rogue Companies for Nuisance Calls"
    if re.search(r"[- ](?:based|registered|headquartered)$", full):
        return True                          # "Manchester-based": where a firm is, not its name
    if ">" in name or "»" in name:
        return True                          # a breadcrumb: "Gigacycle > Information & Guidance > ..."
    if "name" in spelt and len(_FIELD_LABELS.intersection(spelt)) >= 2:
        return True                          # a table's header: "Organisation Name Date of Penalty Notice"
    if key.endswith((" news", " court", " magistrates")) or key in ("press association", "pa media", "pa"):
        return True                          # a publication: "DataIQ News"
    if re.search(r"\b(?:guidance|policy|code|act|regulations?|directive|framework|notices?|notices? of intent|orders?|penalt(?:y|ies)|"
                 r"fines|reprimands|procedure|guidelines|rules|convention|charter|review|report|register)"
                 r"\d{0,2}(?: \d{4})?$", key):     # "Fining Guidance6": a footnote mark stuck to the word
        return True
    if key.split()[0] in ("section", "article", "regulation", "regulations", "schedule", "paragraph",
                          "annex", "chapter", "recital"):
        return True
    first = key.split()[0]
    if first in _GENERIC_FIRST_WORDS and len(key.split()) <= 2 and not _ENDS_IN_COMPANY_RE.search(full):
        return True                          # "Data Protection", "Penalty Notice" (not "The Data Supply Company")
    return key.isdigit()


def _singular(word: str) -> str:
    """An institution word's singular ("authorities" -> "authority", "trusts" -> "trust"); other words as
    they are. Only plurals of institution words are undone: "us" or "news" stay whole."""
    for plural_end, singular_end in (("ies", "y"), ("s", "")):
        if word.endswith(plural_end) and word[:-len(plural_end)] + singular_end in _INSTITUTION_WORDS:
            return word[:-len(plural_end)] + singular_end
    return word


def _counts_parties(words: list[str]) -> bool:
    """Whether words count parties: "Two firms", "12 councils", "Eleven of Britain['s charities]",
    "Four Cold Calling Marketing Firms" ("Three UK", a name, counts nothing)."""
    return bool(words) and (words[0] in _COUNT_WORDS or words[0].isdigit()) \
        and (words[1:2] == ["of"] or (len(words) > 1 and words[-1] in PLURAL_KINDS))


def acronym(name: str) -> str:
    """'We Buy Any Car Limited' -> 'wbac'; 'Join the Triboo Limited' -> 'jtt'."""
    return initials(name)


def same_party(a: str, b: str) -> bool:
    """Whether two names plausibly name one party (see module docstring for the rules)."""
    ka, kb = norm_name(a), norm_name(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    ta, tb = ka.split(), kb.split()
    if len(ta) == len(tb) >= 2 and [w.rstrip("s") for w in ta] == [w.rstrip("s") for w in tb]:
        return True                          # "Grove Pensions Solutions" / "Grove Pension Solutions": a slip
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    short_name = a if short is ta else b
    # A name written with its own legal form ("Saga Group", "Saga plc") is a full name, not a
    # shortening: "Saga Services Limited" is another party.
    if long_[: len(short)] == short and len("".join(short)) >= 3 and not has_legal_suffix(short_name):
        return True                          # "Advanced" / "Advanced Computer Software"
    ca, cb = ka.replace(" ", ""), kb.replace(" ", "")
    shorter, longer = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    if len(shorter) >= 5 and longer.endswith(shorter):
        return True                          # "OneAdvanced" / "Advanced"
    for x, y in ((a, b), (b, a)):
        if re.fullmatch(r"[A-Z][A-Za-z]{1,6}", x.strip()) and x.strip().lower() == acronym(y) and len(x.strip()) >= 2:
            return True                      # "WBAC" / "We Buy Any Car Limited"
    return False


# Words a headline runs on after a name ("Clearview AI Fine Matters"): never part of the name.
_HEADLINE_NOUNS = frozenset({"fine", "fines", "fined", "penalty", "matters", "case", "breach", "hack", "attack",
                             "data", "appeal", "news", "ruling", "reprimand", "probe", "investigation"})


@dataclass
class Candidate:
    """One group of names for one party, with its accumulated weight and best evidence."""

    names: dict[str, float] = field(default_factory=dict)   # name -> weight it brought
    score: float = 0.0
    evidence: tuple[int, int] | None = None                 # clean-text span of the best mention
    evidence_weight: float = 0.0
    full_names: set[str] = field(default_factory=set)        # long forms from definitions
    first_start: float = float("inf")                        # where the text first names it
    rule_counts: dict[str, float] = field(default_factory=dict)  # rule (a PARTY_WEIGHTS key) -> mentions it found

    def canonical(self) -> str:
        """The most formal name: among names with a legal form, else among names a definition spelt
        out in full ("British Airways (BA)"), else among all: the most weighty, then the longest."""
        names = list(self.names)
        formal = [n for n in names if LEGAL_SUFFIX_RE.search(n) and len(n.split()) <= 9]
        pool = formal or [n for n in names if n in self.full_names] or names
        best = max(pool, key=lambda n: (self.names[n], len(n)))
        # "DSG" said most, "DSG Retail" also said: the fuller name, unless it is a stray mention.
        # "Hackney" said most, "London Borough of Hackney" also said: likewise.
        longer = [n for n in pool if n.lower().startswith(best.lower() + " ")]
        longer += [n for n in names if _named_before(n, best)]     # a definition may have cut the head off
        longer = [n for n in longer
                  if len(n.split()) <= 6
                  and self.names[n] >= 0.25 * self.names[best]
                  and not set(n.lower().split()[len(best.split()):]) & _HEADLINE_NOUNS
                  and not _reason_after(n, best)]
        return max(longer, key=lambda n: (self.names[n], len(n))) if longer else best


def _reason_after(name: str, short: str) -> bool:
    """Whether `name` is `short` followed by a headline's reason: "Newham Council for Gangs Matrix" of
    "ICO fines Newham Council for Gangs Matrix data breach"."""
    rest = name[len(short):].split() if name.lower().startswith(short.lower() + " ") else []
    return bool(rest) and rest[0].lower() in ("for", "over", "after")


def _named_before(name: str, short: str) -> bool:
    """Whether `name` is `short` with words of a name before it: "London Borough of Hackney" for
    "Hackney" (not a postcode or a number: "CT20 3SE 1. Acme Ltd")."""
    if not name.lower().endswith(" " + short.lower()):
        return False
    head = name[: len(name) - len(short)].split()
    return all(re.fullmatch(r"[A-Z][a-z'’&-]+|of|and|the|for|into|upon|on|&", w) for w in head)


# How close two parties' weights must be for the one named first to win: one ORG entity's weight.
NEAR_TIE = 1.0
# In a round-up, what a party named first needs to lead: a share of the heaviest party's weight, and
# at least what one enforcement sentence about it brings (a bare ORG entity is context).
ROUND_UP_SHARE = 0.4
ROUND_UP_MIN_WEIGHT = 8.0


# Two bodies that share their kind, written once in the plural: "Ealing and Hounslow Councils".
# (Not "Police": "Avon and Somerset Police" is one force.)
_SHARED_PLURAL_KIND_RE = re.compile(r"(?P<a>[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30})?) (?:and|&) "
                                    r"(?P<b>[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30})??) "
                                    r"(?P<kind>(?:(?:County|Borough|City|District|Health|NHS) )?(?:Councils|Boards|Trusts))")


def _split_shared_plural_kind(name: str) -> list[str]:
    """"Ealing and Hounslow Councils" -> ["Ealing Council", "Hounslow Council"]."""
    m = _SHARED_PLURAL_KIND_RE.fullmatch(name)
    if m is None:
        return [name]
    kind = m.group("kind")[:-1]
    return [f"{m.group('a')} {kind}", f"{m.group('b')} {kind}"]


def _split_same_first_word(name: str) -> list[str]:
    """"NHS Tayside and NHS Lanarkshire", "Kent Police and Kent County Council": two parties, each
    opening with the same word ("Marks and Spencer" and "Tavistock and Portman" stay one)."""
    first, sep, second = name.partition(" and ")
    head = first.split()[0] if first.split() else ""
    if sep and len(first.split()) >= 2 and head.lower() != "the" and second.split()[:1] == [head]:
        return [first, second]
    return [name]


class PartyTally:
    """Collects weighted name mentions and groups them into parties."""

    def __init__(self, blocked: set[str] | None = None, near_tie: float = NEAR_TIE) -> None:
        self.groups: list[Candidate] = []
        self.blocked = blocked or set()
        self.near_tie = near_tie

    def add(self, name: str, weight: float, span: tuple[int, int] | None = None,
            at: int | None = None, rules: tuple[str, ...] = (), times: float = 1.0) -> Candidate | None:
        """Count a mention of `name`; `span` is the sentence that gives it, `at` where the name itself
        is (by default the sentence's start): two parties of one sentence are told apart by it.
        `rules` found it (`times` mentions each): the party ranker reads them as features."""
        # "Hollins Credit Ltd and Ashbury Loans Ltd" names two parties: count each; so does "Goody
        # Market in Liverpool and TFLI in Macclesfield", each without its town.
        placed = _TWO_PLACED_PARTIES_RE.fullmatch(name)
        parts = [placed.group(1), placed.group(2)] if placed else _TWO_PARTIES_RE.split(name)
        if len(parts) == 1:
            parts = _split_same_first_word(name)
        if len(parts) == 1:
            parts = _split_shared_plural_kind(name)
        if len(parts) > 1:
            # each where it stands: the one named first is first ("to Dorset Police and Kent Police")
            groups = [self.add(part, weight, span, None if at is None else at + max(0, name.find(part)), rules, times)
                      for part in parts if part.strip()]
            return next((g for g in groups if g is not None), None)
        name = clean_name(name)
        if not name or is_blocked(name, self.blocked):
            return None
        group = next((g for g in self.groups if any(same_party(name, n) for n in g.names)), None)
        if group is None:
            group = Candidate()
            self.groups.append(group)
        group.names[name] = group.names.get(name, 0.0) + weight
        group.score += weight
        for rule in rules:
            group.rule_counts[rule] = group.rule_counts.get(rule, 0.0) + times
        start = at if at is not None else span[0] if span is not None else None
        if start is not None:
            group.first_start = min(group.first_start, start)
        if span is not None and weight > group.evidence_weight:
            group.evidence, group.evidence_weight = span, weight
        return group

    def link(self, full: str, short: str) -> None:
        """Record that `short` is a defined alias of `full` ("We Buy Any Car Limited ('WBAC')")."""
        full, short = clean_name(full), clean_name(short)
        if not full or not short or is_blocked(full, self.blocked) or is_blocked(short, self.blocked):
            return
        groups = [g for g in self.groups if any(same_party(full, n) or same_party(short, n) for n in g.names)]
        if not groups:
            g = Candidate()
            self.groups.append(g)
            groups = [g]
        keep = groups[0]
        for other in groups[1:]:
            for n, w in other.names.items():
                keep.names[n] = keep.names.get(n, 0.0) + w
            keep.score += other.score
            for rule, count in other.rule_counts.items():
                keep.rule_counts[rule] = keep.rule_counts.get(rule, 0.0) + count
            if other.evidence_weight > keep.evidence_weight:
                keep.evidence, keep.evidence_weight = other.evidence, other.evidence_weight
            keep.full_names |= other.full_names
            keep.first_start = min(keep.first_start, other.first_start)
            self.groups.remove(other)
        keep.names.setdefault(full, 0.0)
        keep.names.setdefault(short, 0.0)
        keep.full_names.add(full)

    def scored(self) -> list[Candidate]:
        """The parties some mention gave weight (a definition alone gives none)."""
        return [g for g in self.groups if g.score > 0]

    def best(self, round_up: bool = False) -> Candidate | None:
        """The heaviest party; between parties a stray mention apart, the one named first (a
        round-up's items weigh alike, and the story leads with its own case).

        In a story its opening says is about several cases (`round_up`: "Two councils fined"), the
        lead is the first party named with real weight (ROUND_UP_SHARE of the heaviest's): the items
        that follow may be told at more length.
        """
        scored = self.scored()
        if not scored:
            return None
        top = max(g.score for g in scored)
        floor = top - self.near_tie
        if round_up:     # never stricter than a near tie
            floor = min(floor, max(top * ROUND_UP_SHARE, ROUND_UP_MIN_WEIGHT))
        return min((g for g in scored if g.score >= floor), key=lambda g: (g.first_start, -g.score))


def clean_name(name: str) -> str:
    """Trim quotes, possessives, leading articles and trailing punctuation from a captured name."""
    s = " ".join(name.replace("\n", " ").split())
    s = re.sub(r"^(?:(?:to|on|of|and|against|from|the)\s*:?\s+)+", "", s, flags=re.I)
    s = s.strip(" \"'“”‘’,.;:()[]-")
    s = re.sub(r"'s$|'$", "", s)
    s = re.sub(r"\s+\((?!UK\))[A-Z]{2,8}\)(?=\s+[A-Z])", "", s)   # "X (CLCH) NHS Trust": the acronym ("(UK) Ltd" stays)
    s = re.sub(r"\s+\((?!UK\)).*$", "", s)
    # "2.0 Chelmer..." (numbering; not a day: "1 February Kavitha Karthikesu" loses its date later)
    s = re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+(?!" + MONTH_NAMES + r"\b))+", "", s)
    s = re.sub(r"(?:\s+(?:EN|MPN|PN|NOI|NOIs))+$", "", s)             # notice abbreviations
    s = re.sub(r"\s+(?:&|and)\s+(?:Anor|Ors)\.?$", "", s)             # a law report's "Pearson & Anor" (and another)
    # "City of London Police for Freedom of Information (FOI) failings": what it was for, not its name
    s = re.sub(r"\s+for\s+(?:the\s+)?(?:Freedom\s+of\s+Information|FOI|EIR)"
               r"(?:\s+(?:failings|failures|breaches|offences))?$", "", s)
    s = re.sub(r"(?:\s+(?:of|and|for|the|at|in|on))+$", "", s)          # "Acme Ltd of" (an address followed)
    s = s.strip(" \"',.;:-")
    if not s or not re.match(r"[A-Z0-9]", s) or re.search(r"-(?:based|registered|headquartered)$|^\d[\d\-–/]*$", s):
        return ""
    if len(re.findall(r"[A-Za-z]", s)) < 2:
        return ""                                                      # "2.0", "7" ("A4e" is a name)
    return s
