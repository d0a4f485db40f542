"""The data types that cross stage boundaries.

Data flows one way: fetch → parse → extract → link → store → publish. Each stage hands the next
one of these plain dataclasses, so a stage can be tested by building its input by hand, and a
newcomer can read here what every stage promises the next.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# What kind of text a document is. The linker trusts them differently: a notice or an ICO
# page can create a case; a press article only attaches to one.
DocumentKind = Literal[
    "notice",            # text of a notice PDF (monetary penalty, reprimand, enforcement notice...)
    "enforcement_page",  # an ICO enforcement register detail page (summary paragraphs)
    "press_release",     # an ICO news release
    "article",           # a press article
    "file",              # a file a journalist ingested by hand (text, HTML or PDF)
]

ActionType = Literal[
    "monetary_penalty", "reprimand", "enforcement_notice", "undertaking", "prosecution", "other"
]
ACTION_TYPES: tuple[str, ...] = (
    "monetary_penalty", "reprimand", "enforcement_notice", "undertaking", "prosecution", "other"
)

Status = Literal["provisional", "final", "reduced", "appealed", "upheld", "withdrawn"]
STATUSES: tuple[str, ...] = ("provisional", "final", "reduced", "appealed", "upheld", "withdrawn")


@dataclass
class Document:
    """One fetched (or ingested) text: a notice, an ICO page, a press release or an article.

    `url` is the document's identity: fetching the same URL again gives a new version of the
    same document, never a second document.
    """

    url: str
    source: str                  # the feeds.yaml source id ("ico-enforcement", "ingest", ...)
    kind: DocumentKind
    title: str | None
    text: str
    published: str | None        # YYYY-MM-DD (or YYYY-MM) when the source states it
    fetched_at: str              # ISO 8601 UTC
    outlet: str | None = None    # publisher for press ("Pulse", "BBC News"); "ICO" for ICO pages
    raw_sha256: str | None = None  # key of the pristine response in the raw archive
    parent_url: str | None = None  # e.g. the enforcement page a notice PDF is attached to
    # Facts the source states outright, which beat anything inferred from prose. Keys used:
    # ico_page_id, listed_type ("Monetary penalties"), listed_action_type ("monetary_penalty"),
    # sector, listed_date (YYYY-MM-DD), summary, organisation (the ICO page's title).
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    """The sentence an extracted value came from, with character offsets into the text."""

    sentence: str
    start: int
    end: int


@dataclass
class Action:
    """One enforcement action a document reports. Mirrors the `extract --json` contract."""

    organisation: str | None
    action_type: str                    # one of ACTION_TYPES
    regulator: str = "ICO"
    status: str | None = None           # one of STATUSES, or None
    # Why the figure or status is what it is, as the text gives it: "representations", "COVID-19",
    # "ability to pay", "settlement", "appeal", "public sector approach", "notice of intent".
    status_reason: str | None = None
    amount_gbp: int | None = None       # the penalty imposed or proposed, whole pounds
    provisional_amount_gbp: int | None = None
    final_amount_gbp: int | None = None
    subjects_affected: int | None = None
    failures: list[str] = field(default_factory=list)   # codes from extract.failures.TAXONOMY
    action_date: str | None = None      # YYYY-MM-DD or YYYY-MM
    # field name → Evidence; failures use the key "failure:<code>".
    evidence: dict[str, Evidence] = field(default_factory=dict)
    # Other names the text uses for the same party ("Advanced", "OneAdvanced", "the controller"
    # is not one): lets the linker recognise the organisation across documents.
    organisation_aliases: list[str] = field(default_factory=list)
    company_number: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object (see the README's `extract` section)."""
        return asdict(self)
