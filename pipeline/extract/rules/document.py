"""What every rule reads: one document cut into tagged sentences, and small helpers over it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pipeline.extract.dates import MONTH_NAMES, find_publication_date
from pipeline.extract.text import CleanText


@dataclass
class Sentence:
    """A sentence of the clean text, with the cheap tags the rules use."""

    start: int
    end: int
    text: str
    enforcement: bool
    index: int

    @cached_property
    def lower(self) -> str:
        """The text in lower case, for the word tests tried on every sentence.

        Under IGNORECASE Python's `re` folds case at every character, which makes a long
        alternation of words about five times slower. Patterns written in lower case and run on
        this text give the same answer at a fraction of the cost on a long notice.
        """
        return self.text.lower()


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


@dataclass(frozen=True)
class OrgMention:
    """An ORG entity spaCy's NER found in one of the document's NER sentences (clean offsets)."""

    name: str
    start: int
    end: int
    sentence: Sentence


Span = tuple[int, int]


def line_span(text: str, pos: int) -> Span:
    """The [start, end) span of the line of `text` holding position `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)


# A sentence that says its page reports several organisations' cases: "reprimanded two Northern
# Irish organisations", "fined four companies", "both organisations", "the top 3 fines", "Two New
# Monetary Penalties Imposed", "ICO imposes fines of £80,000 and £60,000". Bounded: it is tried on
# every sentence.
SEVERAL_CASES_RE = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|both|[2-9]|[1-9]\d)[ \t]{1,3}(?:[\w-]{1,30}[ \t]{1,3}){0,4}?"
    r"(?:organisations|organizations|companies|firms|bodies|councils|charities|businesses|trusts|forces|"
    r"authorities|fines|penalties|reprimands|enforcement[ \t]{1,3}notices)\b|"
    r"\b(?:fines|penalties)[ \t]{1,3}of[ \t]{1,3}£[\d.,]{1,15}[ \t]{0,3}(?:[mk]|million)?[ \t]{1,3}and[ \t]{1,3}£", re.I)


# What a person prosecuted is called before the story names them: "A former receptionist at a GP
# surgery has been prosecuted", "A head teacher has been fined".
KIND_OF_PERSON = (r"(?:receptionist|secretary|employee|worker|nurse|officer|manager|director|clerk|administrator|"
                  r"assistant|doctor|paralegal|agent|consultant|man|woman|councillor|adviser|advisor|trainee|"
                  r"head[ -]?teacher|teacher|social worker|carer|midwife|pharmacist|dentist|solicitor)")


# A sentence set in an earlier time than the story's own action: "last month", "previously",
# "two years ago". Detection reads such a sentence as a recalled case; the party rules add their own
# ways of recalling one ("This comes a week after...", `party.RECALLED_CASE_RE`).
EARLIER_TIME = (r"\b(?:last|previous|earlier\s+this)\s+(?:week|month|year)\b|\bpreviously\b|"
                # "Last December, the British Heart Foundation ... were fined"
                r"\blast\s+(?-i:" + MONTH_NAMES + r")\b|\blast\s+(?:spring|summer|autumn|winter)\b|"
                r"\b(?:weeks?|days?|months?|years?)\s+(?:ago|earlier|before)\b|"
                # "After all, back in 2018 the regulator fined Tesco Bank"
                r"\bback\s+in\s+(?:(?:19|20)\d\d|(?-i:" + MONTH_NAMES + r"))\b")
EARLIER_TIME_RE = re.compile(EARLIER_TIME, re.I)
# Press verbs for fining: "has slapped Fenland Telecom with a £77,000 ...", "whacked for £50,000".
PRESS_FINING_VERBS = r"(?:slapped|whacked|clobbered|hammered|stung|walloped)"
# A sentence that says from its first word that it recalls another case, even in the opening: "It
# comes the same week as a Manchester company, MyIML, was fined" (the story's own party was named
# before it; "Acme was fined following a cyber attack" is not such a sentence).
RECALLING_SENTENCE_RE = re.compile(r"^\W{0,3}(?:It|This|That|The[ \t]{1,3}(?:fine|penalty|action|news|move|announcement))"
                                   r"[ \t]{1,3}(?:also[ \t]{1,3})?(?:comes?|came|follows|followed)\b")


# A breach log (one entry per incident: "What", "How much", "Regulator", "Regulatory action", "When")
# gives its first entry, the page's lead, in this much text.
LOG_FIELDS_CHARS = 3000


def story_year(p: Prepared) -> int | None:
    """The year the page was published: its metadata, else the date line in its opening."""
    if p.published and p.published[:4].isdigit():
        return int(p.published[:4])
    dated = find_publication_date(p.clean.text[:600])
    return int(dated.iso[:4]) if dated else None
