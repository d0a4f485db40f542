"""The extraction stage: documents' text in, the enforcement actions each reports out.

How a document is read, cheapest step first:
1. `text.clean` removes page furniture and press boilerplate and keeps an offset map, and
   `text.split_sentences` splits by rules (no parser: it would dominate the time on long notices).
2. Regular expressions tag each sentence with enforcement cues (`rules/enforcement.py`).
3. spaCy runs ONLY its NER component, and only over the sentences that can name the penalised
   party (the opening and the enforcement sentences), batched with `nlp.pipe`.
4. The rule modules under `rules/` decide the action type, the status, the amount, the party, the
   people affected, the failures and the date; each finding keeps the sentence it came from, which
   becomes `Evidence` into the text given.
5. In a press story, fitted models take a second look: `party_ranker.py` at the candidate parties,
   `action_detector.py` at whether the story reports an action at all, `action_typer.py` at the
   type where the rules could only say "other". Each overrules the rules only where it is sure.

`Extractor` only orchestrates: what counts as a party, a penalty or a status lives in `rules/`.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any, cast

from spacy.language import Language

from pipeline.extract.action_detector import ActionDetector
from pipeline.extract.action_typer import ActionTyper
from pipeline.extract.failures import build_matcher
from pipeline.extract.gazetteer import Gazetteer
from pipeline.extract.nlp import load_nlp
from pipeline.extract.party_ranker import PartyRanker
from pipeline.extract.roles import clean_name, is_blocked
from pipeline.extract.rules.action_date import find_action_date
from pipeline.extract.rules.action_type import (
    find_heading,
    find_second_action,
    prose_type,
)
from pipeline.extract.rules.amount import find_amount
from pipeline.extract.rules.document import OrgMention, Prepared, Sentence
from pipeline.extract.rules.enforcement import is_enforcement, reports_only_counts, speaks_of_enforcement
from pipeline.extract.rules.failure_codes import failures_of_an_offence, find_failure_codes
from pipeline.extract.rules.other_cases import OtherCaseFinding, find_other_cases
from pipeline.extract.rules.party import find_company_number, find_party, names_a_party
from pipeline.extract.rules.status import find_status, find_status_reason, reported_as_reduced
from pipeline.extract.rules.subjects import find_subjects, other_case_test
from pipeline.extract.text import clean, split_sentences
from pipeline.extract.vocabulary import OrdinaryWords
from pipeline.models import ACTION_TYPES, Action, Document, DocumentKind, Evidence

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = "1.24.12"

# How many sentences of one document go through NER at most: the opening plus enforcement
# sentences. Enough for any notice's "TO:" block and findings; bounded so 300 KB stays < 1 s.
MAX_NER_SENTENCES = 40
OPENING_SENTENCES = 8
# Lines of fewer words are page furniture, not prose; the opening reads past at most this many lines.
PROSE_MIN_WORDS = 4
MAX_OPENING_LINES = 24
NER_MAX_CHARS = 500          # a sentence longer than this is a table or list: its start is enough
# Sentence-level rules (party, status, people, failures) read the first ANALYSE_CHARS of clean
# text: a notice states its party, decision and findings in its opening and summary, and a 300 KB
# notice must still take under a second. Money is scanned to the end (it is cheap to find).
ANALYSE_CHARS = 100_000
# A title longer than this is not a headline (no outlet writes one): its start is enough. Every
# pattern then reads bounded input: titles this long, sentences at most ~800 characters
# (`split_sentences`), fixed prefixes of the text, and whole-text patterns anchored on a literal.
TITLE_MAX_CHARS = 500
# extract_many reads documents in chunks of this many: enough to batch NER well (nlp.pipe's batch
# is 64 sentences), few enough that a chunk's texts and offset maps stay a few MB.
CHUNK_DOCUMENTS = 64


class Extractor:
    """Reads documents into `Action`s. Build once: it loads the spaCy model (about a second)."""

    def __init__(self, nlp: Language | None = None, known_organisations: Iterable[str] = (),
                 party_ranker: PartyRanker | None = None, action_detector: ActionDetector | None = None,
                 action_typer: ActionTyper | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.party_ranker = party_ranker if party_ranker is not None else PartyRanker.load()
        self.action_detector = action_detector if action_detector is not None else ActionDetector.load()
        self.action_typer = action_typer if action_typer is not None else ActionTyper.load()
        self.matcher = build_matcher(self.nlp.vocab)
        # Only NER is used; its model has its own embedding layer, so nothing else must run.
        self._disabled = [name for name in self.nlp.pipe_names if name != "ner"]
        self.gazetteer = Gazetteer(self.nlp, known_organisations)
        self.ordinary_words = OrdinaryWords(self.nlp)

    def set_known_organisations(self, names: Iterable[str]) -> None:
        """Organisation names the database knows (register titles, aliases): found like ORG entities.

        A run sets them from its database before extracting; `extract --db PATH` likewise.
        """
        self.gazetteer = Gazetteer(self.nlp, names)

    # ---- public API -------------------------------------------------------------------------
    def extract(self, text: str, *, title: str | None = None, kind: str | None = None,
                published: str | None = None, metadata: dict[str, Any] | None = None) -> list[Action]:
        """The enforcement actions `text` reports; the first is the document's main one.

        `metadata` may carry facts a listing states (`listed_action_type`, `organisation`,
        `listed_date`, `outlet`): they are strong hints, never required. This is `extract_many`
        of one document, so both read a text the same way.
        """
        document = Document(url="", source="", kind=cast(DocumentKind, kind), title=title, text=text,
                            published=published, fetched_at="", metadata=dict(metadata or {}))
        return self.extract_many([document])[0]

    def extract_many(self, documents: Iterable[Document]) -> list[list[Action]]:
        """The actions of each document, in order (see `iter_extract`)."""
        return list(self.iter_extract(documents))

    def iter_extract(self, documents: Iterable[Document]) -> Iterator[list[Action]]:
        """The actions of each document, in order, read CHUNK_DOCUMENTS documents at a time.

        A chunk's sentences go through one batched `nlp.pipe`; only one chunk's cleaned texts and
        offset maps are alive at once, so memory stays flat however many documents come in.
        """
        for chunk in batched(documents, CHUNK_DOCUMENTS):
            prepared = [self._prepare(d.text, d.title, d.kind, d.published, _with_outlet(d)) for d in chunk]
            entities = self._entities(prepared)
            for p, e in zip(prepared, entities):
                yield self._read(p, e)

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
            sentences.append(Sentence(a, b, s, speaks_of_enforcement(s), i))
        # (only press pages carry furniture above the story; a notice's short lines are its own)
        chosen = opening_sentences(sentences) if kind == "article" else sentences[:OPENING_SENTENCES]
        chosen += [s for s in sentences[len(chosen):] if s.enforcement][: MAX_NER_SENTENCES - len(chosen)]
        title = title[:TITLE_MAX_CHARS] if title else title
        return Prepared(text or "", ct, sentences, chosen, title, kind, published, metadata)

    def _entities(self, prepared: list[Prepared]) -> list[list[OrgMention]]:
        """ORG entities per document, via NER only."""
        jobs = [(i, s) for i, p in enumerate(prepared) for s in p.ner_sentences]
        out: list[list[OrgMention]] = [[] for _ in prepared]
        texts = (s.text[:NER_MAX_CHARS] for _, s in jobs)
        for (i, s), doc in zip(jobs, self.nlp.pipe(texts, disable=self._disabled, batch_size=64)):
            orgs = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "ORG"]
            for a, b in orgs:
                out[i].append(OrgMention(doc.text[a:b], s.start + a, s.start + b, s))
            # A known name NER did not tag as an organisation (a place, or missed in capitals).
            for name, a, b in self.gazetteer.find(doc):
                if not any(x < b and a < y for x, y in orgs):
                    out[i].append(OrgMention(name, s.start + a, s.start + b, s))
        return out

    def _read(self, p: Prepared, orgs: list[OrgMention]) -> list[Action]:
        """The rules' actions, unless the action detector is sure the story reports none, or one."""
        actions = self._decide(p, orgs)
        verdict = self.action_detector.second_opinion(p, bool(actions))
        if verdict is False:
            return []
        if verdict is True:
            return self._decide(p, orgs, reports_an_action=True)
        return actions

    def _decide(self, p: Prepared, orgs: list[OrgMention], reports_an_action: bool = False) -> list[Action]:
        """The rules' reading. `reports_an_action` skips their test of whether the text reports an
        action at all (the action detector has said it does)."""
        text = p.clean.text
        head = text[:4000]
        heading = find_heading(head)
        listed = p.metadata.get("listed_action_type")
        # "other" is what a listing says of a news item: it names no action, so it decides nothing.
        if listed not in ACTION_TYPES or listed == "other":
            listed = None
        if not reports_an_action and not is_enforcement(p, heading is not None, listed):
            return []
        if heading and p.kind == "article" and any(s.enforcement and s.end <= heading.start for s in p.sentences):
            # A section's title inside a story ("Enforcement notice" below the news of a fine) names
            # one part of it; the story's prose says what its action is.
            heading = None
        if heading and listed and p.kind == "notice" and not heading.is_listing(head):
            # A notice's own heading says what it is: a PDF inherits the listed type of the page it
            # hangs off, and one page can hold two notices (an MPN and an EN issued the same day).
            action_type: str | None = heading.action_type
        else:
            action_type = listed or (heading.action_type if heading else None)
        # The party first: an amount or an appeal the text gives to another organisation is not
        # this action's.
        party = find_party(p, heading, orgs, self.ordinary_words, self.party_ranker)
        if heading is None and not listed and not reports_an_action and reports_only_counts(p) \
                and not names_a_party(party):
            return []       # statistics or a guide: no sentence names an action of a party
        party_names = [party.name, *party.aliases] if party else []
        status = find_status(p, heading, party_names=party_names or None)
        if status is None and listed:
            status = "final"      # the enforcement register lists actions taken, not proposals
        amount = find_amount(p, provisional=status == "provisional", party_names=party_names or None)
        if action_type is None:
            prose = prose_type(p)
            # A court's fine in a prosecution is still a prosecution, and a figure in a story about
            # a reprimand, an enforcement notice or an undertaking is some other case's, a fine not
            # imposed or some other sum ("offered to pay £100 towards each camera"). (A story of a fine
            # and a notice that mentions the notice more often is read as the notice: a known cost.)
            figure_makes_a_fine = prose not in ("prosecution", "reprimand", "enforcement_notice", "undertaking")
            action_type = "monetary_penalty" if amount and amount.amount and figure_makes_a_fine else prose
            # Words the rules do not know may still tell the type ("has committed to ensuring").
            action_type = self.action_typer.retype(p, action_type)
        if action_type == "prosecution" and amount:
            amount = find_amount(p, party_names=party_names or None, court=True)
        if status is None and action_type == "monetary_penalty":
            # Nothing says it is proposed, appealed or cut: a penalty reported is a penalty imposed
            # ("slapped the council with a £120,000 fine", "the ICO's action was to fine it").
            status = "final"
        evidence: dict[str, Evidence] = {}
        action = Action(organisation=party.name if party else None, action_type=action_type,
                        organisation_aliases=party.aliases if party else [])
        if party and party.span:
            evidence["organisation"] = self._evidence(p, *party.span)
        if heading:
            evidence["action_type"] = self._evidence(p, heading.start, heading.end)
        # Amount and status.
        if amount and amount.reduced:
            status = "reduced"
        elif action_type == "monetary_penalty" and status in ("final", "upheld", "appealed") and reported_as_reduced(p):
            status = "reduced"      # the headline says it was cut, the figures may not both be given
        # Only a penalty (or a court's fine) has an amount: a figure on a reprimand or enforcement
        # notice page is some other case's, e.g. a "related news" headline.
        if action_type in ("monetary_penalty", "prosecution") and amount:
            action.amount_gbp = amount.amount
            evidence["amount_gbp"] = self._evidence(p, *amount.span)
            if status == "provisional":
                action.provisional_amount_gbp = action.amount_gbp
            elif status is not None:
                action.final_amount_gbp = action.amount_gbp
                action.provisional_amount_gbp = amount.proposed
        action.status = status
        reason = find_status_reason(p, status)
        if reason:
            action.status_reason = reason[0]
            evidence["status_reason"] = self._evidence(p, reason[1].start, reason[1].end)
        subjects = find_subjects(p, party_names, orgs, action.amount_gbp)
        if subjects:
            action.subjects_affected = subjects.count
            evidence["subjects_affected"] = self._evidence(p, *subjects.span)
        about_other_case = other_case_test(party_names, orgs, action.amount_gbp, action.provisional_amount_gbp,
                                           p.sentences)
        failures = find_failure_codes(p, self.nlp.tokenizer, self.matcher, about_other_case)
        if action_type == "prosecution":
            failures = failures_of_an_offence(failures)
        for code, span in failures.items():
            action.failures.append(code)
            evidence[f"failure:{code}"] = self._evidence(p, *span)
        date = find_action_date(p, status, about_other_case, party_names)
        if date:
            action.action_date = date.iso
            if date.span:
                evidence["action_date"] = self._evidence(p, *date.span)
        action.company_number = find_company_number(text)
        action.evidence = evidence
        actions = [action]
        also = self._second_action(p, action)
        if also:
            actions.append(also)
        return self._with_other_cases(p, actions, orgs)

    def _second_action(self, p: Prepared, main: Action) -> Action | None:
        """The other half of a penalty + enforcement notice pair (see `rules/action_type.py`)."""
        found = find_second_action(p, main.action_type)
        if found is None:
            return None
        extra = Action(organisation=main.organisation, action_type=found.action_type,
                       status=main.status if main.status in ("appealed", "upheld") else "final",
                       action_date=main.action_date, organisation_aliases=list(main.organisation_aliases))
        extra.evidence = {"action_type": self._evidence(p, *found.span)}
        if found.amount is not None:
            extra.amount_gbp = extra.final_amount_gbp = found.amount
            extra.evidence["amount_gbp"] = extra.evidence["action_type"]
        if "organisation" in main.evidence:
            extra.evidence["organisation"] = main.evidence["organisation"]
        if "action_date" in main.evidence:
            extra.evidence["action_date"] = main.evidence["action_date"]
        return extra

    def _with_other_cases(self, p: Prepared, actions: list[Action], orgs: list[OrgMention]) -> list[Action]:
        """The main action(s), then one action per other case the page reports (see
        `rules/other_cases.py`). The main action is never changed; its paired notice is dropped
        when the sentence that gives it is in another case's paragraph (that case's notice)."""
        main = actions[0]
        found = find_other_cases(p, orgs, [main.organisation or "", *main.organisation_aliases])
        if not found:
            return actions
        theirs = {self._evidence(p, *f.span).start for f in found if f.action_type == "enforcement_notice"}
        kept = [a for a in actions[1:] if "action_type" not in a.evidence
                or a.evidence["action_type"].start not in theirs]
        before = main.evidence.get("action_date")
        self._date_not_from(p, main, {f.span for f in found})
        for pair in kept:       # the paired notice took the main action's date
            if before is not None and pair.evidence.get("action_date") == before:
                pair.action_date = main.action_date
                pair.evidence.pop("action_date")
                if "action_date" in main.evidence:
                    pair.evidence["action_date"] = main.evidence["action_date"]
        return [main, *kept, *(self._other_action(p, f) for f in found)]

    def _date_not_from(self, p: Prepared, main: Action, spans: set[tuple[int, int]]) -> None:
        """The main action's date read again without the other cases' sentences, when it came from
        one of them ("On 23 November 2023 the ICO issued a reprimand to X" is X's date)."""
        given = main.evidence.get("action_date")
        if given is None:
            return
        if not any(given.start >= e.start and given.end <= e.end
                   for e in (self._evidence(p, *span) for span in spans)):
            return
        date = find_action_date(replace(p, sentences=[s for s in p.sentences if (s.start, s.end) not in spans]),
                                main.status)
        main.action_date = date.iso if date else None
        main.evidence.pop("action_date", None)
        if date and date.span:
            main.evidence["action_date"] = self._evidence(p, *date.span)

    def _other_action(self, p: Prepared, found: OtherCaseFinding) -> Action:
        """One other case's action: its own organisation, type, amount and date, each with its sentence."""
        action = Action(organisation=found.name, action_type=found.action_type, status="final",
                        action_date=found.date)
        evidence = {"organisation": self._evidence(p, *found.span),
                    "action_type": self._evidence(p, *found.span)}
        if found.amount is not None and found.amount_span is not None:
            action.amount_gbp = action.final_amount_gbp = found.amount
            evidence["amount_gbp"] = self._evidence(p, *found.amount_span)
        if found.date_span is not None:
            evidence["action_date"] = self._evidence(p, *found.date_span)
        action.evidence = evidence
        return action

    # ---- helpers ------------------------------------------------------------------------------
    def _evidence(self, p: Prepared, start: int, end: int) -> Evidence:
        a, b = p.clean.to_original(start, end)
        return Evidence(p.original[a:b], a, b)


def opening_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """The story's opening: its first OPENING_SENTENCES lines of prose, with the page furniture
    between them ("Share", "03/08/23", "Get Fenland News" above the first paragraph), which would
    otherwise use up the opening before the story begins."""
    chosen: list[Sentence] = []
    prose = 0
    for s in sentences[:MAX_OPENING_LINES]:
        if prose >= OPENING_SENTENCES:
            break
        chosen.append(s)
        if len(s.text.split()) >= PROSE_MIN_WORDS:
            prose += 1
    return chosen


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of `size` items (the last may be shorter); itertools.batched is 3.12+."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _with_outlet(document: Document) -> dict[str, Any]:
    """The document's metadata plus its outlet: a publisher is never the penalised party."""
    metadata = dict(document.metadata or {})
    if document.outlet and "outlet" not in metadata:
        metadata["outlet"] = document.outlet
    return metadata


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
