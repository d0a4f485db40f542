"""Small text helpers every parser shares: decoding bytes, cleaning text, vetting URLs, dates.

They exist so that each parser does not reinvent (and get subtly wrong) the same three things:
which charset a page is really in, what counts as clean stored text, and which links are safe
to keep.
"""
from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE: its BOM starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE
)
# What UTF-8 text looks like when it was wrongly decoded as Latin-1 / Windows-1252.
# (C1 control characters never occur in real Latin-1 text; "Â£", "Ã©", "â€" are UTF-8 read as
# Latin-1 or Windows-1252.)
_MOJIBAKE = re.compile("[\u0080-\u009f]|[ÂÃ][\u00a0-\u00bf]|â€")
_C0_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Invisible characters that change how the text around them is shown, removed from stored text:
# C1 controls, the bidirectional embeddings, overrides and isolates (U+202E turns
# "Ltd exe.gnp" around on screen), the direction marks, and a stray byte-order mark.
_INVISIBLE_CONTROLS = re.compile("[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then <meta charset>, then UTF-8, then detection.

    Never the ISO-8859-1 default that `requests` applies to `text/*` without a charset: that turns
    every "£" in a UTF-8 page into "Â£". A declared charset that produces mojibake (or cannot
    decode the bytes) is not trusted: the page is decoded as UTF-8 instead, with a warning.
    """
    with_bom = _decode_by_bom(body)
    if with_bom is not None:
        return with_bom

    declared = []
    content_type = _header(headers, "content-type")
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            declared.append(match.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", errors="ignore"))

    for name in declared:
        text = _try_declared(body, name)
        if text is not None:
            return text

    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect_and_decode(body)


def decode_text(body: bytes) -> str:
    """Decode a plain text file: BOM, then UTF-8, then charset detection."""
    with_bom = _decode_by_bom(body)
    if with_bom is not None:
        return with_bom
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return _detect_and_decode(body)


def _decode_by_bom(body: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace")
    return None


def _try_declared(body: bytes, name: str) -> str | None:
    """Decode with a declared charset, or None when the declaration is wrong or unknown."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        logger.warning("unknown charset %r declared; ignoring it", name)
        return None
    if codec == "utf-8":
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            logger.warning("page declared utf-8 but has invalid bytes; detecting charset")
            return None
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        logger.warning("page declared %s but does not decode as it; trying utf-8", name)
        return None
    if _MOJIBAKE.search(text):
        try:
            utf8 = body.decode("utf-8")
        except UnicodeDecodeError:
            return _mostly_utf8(body) or text
        logger.warning("page declared %s but is UTF-8 (mojibake when decoded as declared)", name)
        return utf8
    return text


def is_utf8_mislabelled(body: bytes, declared: str) -> bool:
    """True when `body` is valid, non-ASCII UTF-8 that the `declared` (single-byte) charset would
    turn into mojibake ("Â£", "â€“"): the declaration is wrong and UTF-8 is right."""
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
        if codecs.lookup(declared).name == "utf-8":
            return False
    except (UnicodeDecodeError, LookupError):
        return False
    try:
        return bool(_MOJIBAKE.search(body.decode(declared)))
    except UnicodeDecodeError:
        return True


def _mostly_utf8(body: bytes) -> str | None:
    """`body` decoded as UTF-8 with replacement, when it is overwhelmingly UTF-8: at least
    three valid multi-byte characters for every invalid byte sequence. One stray byte in a UTF-8
    page must not send it to charset detection, which would read every "£" as "Â£"; text in a
    single-byte charset has (almost) no valid multi-byte sequences, so it is not taken for UTF-8.
    """
    text = body.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))
    valid = sum(1 for char in text if ord(char) > 127) - text.count("\ufffd")
    if invalid > 0 and valid >= 3 * invalid:
        logger.warning("%d invalid byte sequence(s) in UTF-8 text replaced", invalid)
        return text
    return None


def _detect_and_decode(body: bytes) -> str:
    """Last resort: let charset-normalizer guess; replace what still does not decode.

    On short English text detectors often pick a Central European code page (turning "£" into
    "Ł"); our sources are British, where the legacy encoding in practice is Windows-1252, so a
    guess outside the Western code pages loses to Windows-1252 whenever the bytes are valid in it.
    """
    mostly_utf8 = _mostly_utf8(body)
    if mostly_utf8 is not None:
        return mostly_utf8
    guess: str | None = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        guess = best.encoding if best is not None else None
    except Exception:  # detection is a heuristic; any failure just means "fall back"
        logger.debug("charset detection failed", exc_info=True)
    if guess and codecs.lookup(guess).name in _WESTERN:
        return body.decode(guess, errors="replace")
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError:
        pass
    if guess:
        return body.decode(guess, errors="replace")
    logger.warning("undecodable bytes replaced while decoding as utf-8")
    return body.decode("utf-8", errors="replace")


_WESTERN = {"utf-8", "ascii", "cp1252", "iso8859-1", "iso8859-15", "utf-16", "utf-16-le", "utf-16-be",
            "utf-32", "mac-roman"}


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def clean_text(value: str | None) -> str:
    """The one form text is stored in: NFC, no C0 or C1 control characters (bar \\t and \\n),
    no bidirectional controls, runs of spaces collapsed, lines trimmed, at most one blank line
    in a row.

    Control characters are removed because they break terminals (ANSI escapes in CI logs) and
    SQLite text search; bidirectional overrides and isolates because they make a name read
    differently on the page from what is stored ("Good Bank \u202edtL gnp.exe"); NFC makes "é"
    one code point wherever it came from.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _C0_CONTROLS.sub("", text)
    text = _INVISIBLE_CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def clean_line(value: str | None) -> str:
    """clean_text for one-line values (titles, names): every whitespace run becomes one space."""
    return " ".join(clean_text(value).split())


def html_to_text(fragment: str | None) -> str:
    """Markup → plain text; <script>, <style> and friends are dropped with their contents.

    Used for feed titles and summaries, whatever type the feed declares them to be: a title
    such as "<b>ACME</b> Ltd" must reach spaCy and the database as "ACME Ltd".
    """
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return clean_text(fragment)
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup(["script", "style", "noscript", "iframe", "object", "template"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return clean_text(soup.get_text(" "))


def safe_url(href: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL, or None for anything else (javascript:, data:, mailto:...).

    Stored URLs end up as links in Datasette; only http and https can be trusted there.
    """
    if not href:
        return None
    href = _C0_CONTROLS.sub("", href).strip()
    if not href:
        return None
    try:
        absolute = urljoin(base, href) if base else href
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute


_EARLIEST_YEAR = 1990


def normalise_date(value: object) -> str | None:
    """A date from any source form → "YYYY-MM-DD", or None when missing or absurd.

    Accepts ISO 8601 strings, "28 May 2026", RFC 822 ("Wed, 18 Feb 2026 19:05:07 GMT"),
    the ICO CMS long form ("Wednesday, July 08, 2026"), `datetime`, `date` and
    `time.struct_time`. Dates before 1990 or more than two days in the future are treated as
    wrong (a feed saying 2099, a zeroed date) and dropped rather than stored.
    """
    if value is None or value == "":
        return None
    parsed: date | None = None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif hasattr(value, "tm_year"):  # time.struct_time from feedparser
        try:
            parsed = date(value.tm_year, value.tm_mon, value.tm_mday)  # type: ignore[attr-defined]
        except ValueError:
            return None
    elif isinstance(value, str):
        parsed = _parse_date_string(value.strip())
    if parsed is None:
        return None
    latest = datetime.now(timezone.utc).date() + timedelta(days=2)
    if parsed.year < _EARLIEST_YEAR or parsed > latest:
        return None
    return parsed.isoformat()


def _parse_date_string(value: str) -> date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(value[:10] if fmt == "%Y-%m-%d" else value, fmt).date()
        except ValueError:
            continue
    try:
        from dateutil import parser as date_parser

        # A fixed default so a missing day/month never silently becomes "today".
        return date_parser.parse(value, default=datetime(2000, 1, 1), dayfirst=True).date()
    except (ValueError, OverflowError, TypeError):
        return None


__all__ = ["decode_html", "decode_text", "is_utf8_mislabelled", "clean_text", "clean_line", "html_to_text", "safe_url",
           "normalise_date"]
