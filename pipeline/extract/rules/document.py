"""What every rule reads: one document cut into tagged sentences, and small helpers over it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.text import CleanText


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
