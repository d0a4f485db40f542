"""The errors a parser raises: one named class per way a page can be unusable.

Collectors turn these into an `ItemFailure` (one bad item) or a source's `fatal` (the source
itself changed), so the run summary can say *why* by name instead of showing a traceback.
"""
from __future__ import annotations


class ParseError(Exception):
    """Bytes that could not be turned into values.

    `error_class` is a short fixed code (`pdf_unreadable`, `xml_forbidden_dtd`, `parse_error`,
    `empty_file`...) that ends up in the run summary and in `source_runs.error_class`.
    """

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message

    def __str__(self) -> str:
        return f"{self.error_class}: {self.message}"


class LayoutChangedError(ParseError):
    """A page no longer has the structure the parser knows (renamed class, new template).

    Raised loudly, naming the URL, rather than returning an empty result that would look like
    "nothing new today".
    """

    def __init__(self, message: str) -> None:
        super().__init__("layout_changed", message)


class FeedMalformedError(ParseError):
    """A feed that is not a usable RSS/Atom document (broken XML with no entries, HTML, empty)."""

    def __init__(self, message: str, error_class: str = "feed_malformed") -> None:
        super().__init__(error_class, message)


__all__ = ["ParseError", "LayoutChangedError", "FeedMalformedError"]
