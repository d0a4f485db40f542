"""Cleaning messy text before extraction, and splitting it into sentences, without spaCy.

OCR'd notices have page furniture ("ICO.", "Information Commissioner's Office", page numbers),
words broken across lines, runs of blank lines inside sentences and Markdown escapes; press pages
carry "Previous post" / "Related articles" / comment boilerplate after the story. Cleaning changes
lengths, so `CleanText` keeps, for every character of the clean text, its offset in the text given:
evidence offsets always point into the caller's text.

Sentence splitting is rule-based on purpose: the statistical parser would cost most of the
pipeline's time on a 300 KB notice, and legal prose splits well on punctuation.
"""
from __future__ import annotations

import logging
import re
from array import array
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# Lines that are page furniture in OCR'd ICO notices and web pages, dropped whole.
_FURNITURE_RE = re.compile(
    r"^[ \t]*(?:ICO\.?|Information Commissioner'?s Office|[•·*\-]+|\d{1,3}[,.]?|Page \d+ of \d+|"
    r"CONFIDENTIAL|OFFICIAL(?: - Sensitive)?|\\?\[(?:New search|Context|Help)\\?\].*|"
    r"(?:- ){5,}-?|_{5,}|(?:\\_){5,}|#{1,6}[ \t].*|"
    # a page's URL slug printed as a line: "5-firms-fined-£435,000-for-making-unlawful-calls"
    r"[\w£$%.,']+(?:-[\w£$%.,']+){4,}|"
    # a breadcrumb trail: "Home / News & Resources / News & Updates / Head teacher fined ..."
    r"Home[ \t]{0,3}[/>»|][ \t]{0,3}[^\n]*)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# Where a press page's story ends and its boilerplate starts.
_TAIL_RE = re.compile(
    r"^[ \t]*(?:Previous post|Next post|Related articles?|Related stories|Leave a Reply|"
    r"Want news like this|You may also like|More from|Share this(?: article)?:?|Comments?\s*$|"
    r"Your email address will not be published|Sign up to|Subscribe to our|Latest news\s*$|Most read\s*$|"
    # a press release's notes to editors: what the regulator is and may do, not this story
    r"Notes? (?:to|for) editors?\b)",
    re.MULTILINE | re.IGNORECASE,
)
# A link line inside a story ("Read more: <another headline>"): only that line is dropped, since the
# story goes on after it; the headline it quotes is another story's and must not be read as this one.
_LINK_LINE_RE = re.compile(r"^[ \t]*[>»]?[ \t]*(?:Read more|Read also|See also|Also read|Related|More on this)\s*:[^\n]*$",
                           re.MULTILINE | re.IGNORECASE)
# A pound sign a page's encoding broke: "Â£" (UTF-8 read as Latin-1), "拢" (read as GBK), "�" (lost; only
# right before a grouped figure, "�60,000", where nothing else would stand).
_BROKEN_POUND_RE = re.compile(r"Â£|拢(?=\s?\d)|\ufffd(?=\d{1,3},\d{3})")
_NOT_BLANK_RE = re.compile(r"\S")
# A headline glued to the story's first words ("Kent PoliceA police force", "Our warningThe report"):
# a lower-case word straight into an article, then a lower-case word.
# So is a picture's file name glued to the first paragraph ("Norwegian_AirThe Information Commissioner's
# Office", "call.newThe Information ..."): "The" and a capital straight after a lower-case letter.
_GLUED_HEADLINE_RE = re.compile(r"(?<=[a-z]{3})(?=(?:A|An|The)[ ][a-z])|(?<=[a-z]{2})(?=The[ ][A-Z])")
# A stock picture's file name glued to the first word ("stadium-485328_1920Ticketmaster has ...",
# "corona-5150888_1920Those who ..."): a caption nobody reads, and it hides the name behind it.
_PICTURE_NAME_RE = re.compile(r"\b[a-z][a-z0-9]{0,30}(?:-[a-z0-9]{1,30}){0,4}-\d{4,10}_\d{3,4}(?=[A-Z])")
_PICTURE_NUMBER_RE = re.compile(r"-\d{4,10}_\d{3,4}[A-Z]")   # its tail, found fast (a literal first)
# Another headline glued to the story: "Nosey police PA fined for snoopingKent Police has been fined".
# A word that starts in lower case and runs five letters or more into a capital is two words: names
# written that way keep their capital within four letters ("iPhone", "eBay", "easyJet").
_GLUED_WORD_RE = re.compile(r"(?<=[a-z]{5})(?=[A-Z][a-z])")
_LOWER_WORD_END_RE = re.compile(r"(?<![\w&'.\-])[a-z]{5,30}$")
# A byline run into its date: "Harry Stedman4 March 2024", "DecisionMarketingJan 20, 2026". A space
# lets the date line be read as one.
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_GLUED_DATE_RE = re.compile(r"(?<=[a-z])(?=\d{1,2}(?:st|nd|rd|th)?[ \t]" + _MONTH_WORD + r"[ \t,]{1,3}(?:19|20)\d\d\b|"
                            + _MONTH_WORD + r"[ \t]\d{1,2}(?:st|nd|rd|th)?,?[ \t](?:19|20)\d\d\b)")
_NAME_WORD_END_RE = re.compile(r"(?<![\w&'.\-])[A-Z][A-Za-z]{1,40}$")     # a name's word: "Stedman", "DecisionMarketing"
# A short line a page repeats in a row ("Slide background", "Hide Ad") is its furniture.
_SHORT_LINE_CHARS = 40
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_HEAD_RE = re.compile(r"^[ \t]*This site is intended for [^\n]*$", re.MULTILINE | re.IGNORECASE)
# One character for one, so offsets are unchanged. (A chain of str.replace: str.translate with a
# table maps each character in Python, ten times slower on a long notice.)
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"}


@dataclass
class CleanText:
    """Clean text plus, for each of its characters, the offset of its source in the original."""

    text: str
    # An array of 8-byte integers, not a list of int objects (~36 bytes each): a 300 KB notice's
    # map is 2.4 MB instead of ~11 MB.
    offsets: array[int]
    original_length: int
    ocr_like: bool          # blank lines fall inside sentences: treat them as spaces

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the clean text back to the text given."""
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


def _rewrite(text: str, offsets: array[int], pattern: re.Pattern[str], replace) -> tuple[str, array[int]]:
    """Apply `replace(match) -> str` to every match, carrying the offset map along."""
    pieces: list[str] = []
    new_offsets: array[int] = array("q")
    pos = 0
    for m in pattern.finditer(text):
        pieces.append(text[pos:m.start()])
        new_offsets.extend(offsets[pos:m.start()])
        repl = replace(m)
        pieces.append(repl)
        anchor = offsets[m.start()] if m.start() < len(offsets) else (offsets[-1] if offsets else 0)
        new_offsets.extend(array("q", [anchor]) * len(repl))
        pos = m.end()
    pieces.append(text[pos:])
    new_offsets.extend(offsets[pos:])
    return "".join(pieces), new_offsets


def _drop_repeated_lines(text: str, offsets: array[int]) -> tuple[str, array[int]]:
    """Drop a short line a web page repeats in a row (carousel and advert labels).

    Only repeats in a row: a listing repeats its field labels ("What", "How much") once per item,
    and those lines carry its structure.
    """
    repeated: set[str] = set()
    previous = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line == previous and len(line) <= _SHORT_LINE_CHARS:
            repeated.add(line)
        previous = line
    if not repeated:
        return text, offsets
    pattern = re.compile(r"^[ \t]*(?:" + "|".join(map(re.escape, sorted(repeated))) + r")[ \t]*$", re.MULTILINE)
    return _rewrite(text, offsets, pattern, lambda m: "")


def story_end(text: str) -> int:
    """Where a press page's story ends: the first boilerplate line in the last 60% of the page."""
    for m in _TAIL_RE.finditer(text):
        if m.start() >= len(text) * 0.4:
            return m.start()
    return len(text)


def clean(text: str, *, kind: str | None = None) -> CleanText:
    """Normalise `text` for extraction; see the module docstring for what is removed."""
    original_length = len(text)
    for typographic, plain in _QUOTES.items():
        text = text.replace(typographic, plain)
    text = _BROKEN_POUND_RE.sub(lambda m: " " * (len(m.group()) - 1) + "£", text)   # same length: offsets hold
    if kind not in ("notice",):
        text = text[:story_end(text)]
    offsets = array("q", range(len(text)))
    text, offsets = _rewrite(text, offsets, _HEAD_RE, lambda m: "")
    text, offsets = _rewrite(text, offsets, _FURNITURE_RE, lambda m: "")
    text, offsets = _rewrite(text, offsets, _LINK_LINE_RE, lambda m: "")
    # Markdown escapes from saved web pages: "\[2024\]" -> "[2024]", "\_" -> "_".
    text, offsets = _rewrite(text, offsets, re.compile(r"\\(?=[\[\]_*#\-.()])"), lambda m: "")
    if _PICTURE_NUMBER_RE.search(text):
        text, offsets = _rewrite(text, offsets, _PICTURE_NAME_RE, lambda m: "\n")
    # A headline run into the story by a scraper: "Kent PoliceA police force which ...": a line break.
    text, offsets = _rewrite(text, offsets, _GLUED_HEADLINE_RE, lambda m: "\n")
    text, offsets = _rewrite(text, offsets, _GLUED_DATE_RE,
                             lambda m: " " if _NAME_WORD_END_RE.search(m.string, max(0, m.start() - 41), m.start()) else "")
    text, offsets = _rewrite(text, offsets, _GLUED_WORD_RE,
                             lambda m: "\n" if _LOWER_WORD_END_RE.search(m.string, max(0, m.start() - 31), m.start()) else "")
    if kind != "notice":
        # (A notice repeats its own headings and signature lines, which name the party.)
        text, offsets = _drop_repeated_lines(text, offsets)
    # A word broken at a line end: "protec-\n   tion" -> "protection".
    text, offsets = _rewrite(text, offsets, re.compile(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])"), lambda m: "")
    # Blank lines inside sentences are the OCR signature: a paragraph break followed by lower case.
    # (Each blank run is read once: a pattern "\n[ \t]*\n\s*(\S)" would rescan a run of N newlines
    # from each of them, O(N^2). Only runs holding a blank line are visited, not every space.)
    breaks: list[str] = []
    run_end = 0
    for m in _BLANK_LINE_RE.finditer(text):
        if m.start() < run_end:
            continue                       # a further blank line of the run already read
        after = _NOT_BLANK_RE.search(text, m.end())
        if after is None:
            break
        run_end = after.start()
        breaks.append(text[run_end])
    ocr_like = bool(breaks) and sum(c.islower() for c in breaks) / len(breaks) > 0.1
    if ocr_like:
        # Keep single newlines (they still mark headings) but drop the blank lines between them.
        ws = lambda m: "\n" if "\n" in m.group(0) else " "  # noqa: E731
    else:
        ws = lambda m: "\n\n" if m.group(0).count("\n") >= 2 else ("\n" if "\n" in m.group(0) else " ")  # noqa: E731
    text, offsets = _rewrite(text, offsets, re.compile(r"\s{2,}|[\t\r\f\v]|\n"), ws)
    return CleanText(text.strip(" "), offsets[: len(text.strip(" "))] if not text.startswith(" ")
                     else offsets[1: 1 + len(text.strip(" "))], original_length, ocr_like)


# Words whose full stop does not end a sentence when a capital follows. A legal form ("Ltd.",
# "plc.", "Inc.") is not one: mid-sentence it is followed by a comma or a small letter, so before a
# capital it ends the sentence ("... a fine to Acme Ltd. Beta Ltd has been fined").
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "no", "nos", "e.g", "i.e", "co", "st", "art",
                  "para", "paras", "s", "ss", "reg", "v", "vs", "etc", "approx", "fig", "c", "cf",
                  "jr", "sr", "prof", "rev", "u.k", "p", "pp"}
_BOUNDARY_RE = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£])|\n\n+")
_LINE_RE = re.compile(r"\n")
# A stored page's own date before its first words, "date 2019-04-12 A pregnancy club has been fined":
# a line of its own, not the start of the first sentence.
STORED_DATELINE = r"date[ \t]+\d{4}-\d{2}-\d{2}"
_DATELINE_RE = re.compile(r"(?:^|\n)[ \t]*" + STORED_DATELINE + r"[ \t]+(?=\S)")
# A line ending in one of these words continues on the next line; it is no heading.
_CONTINUES_RE = re.compile(r"\b(?:to|the|of|and|or|a|an|in|on|for|with|by|from|that|is|was|has|have|be|"
                           r"issue|its|their|his|her|as|at|under|which|who)$|[,;(-]$", re.I)


def split_sentences(clean_text: CleanText | str, *, max_chars: int = 800) -> list[tuple[int, int]]:
    """Sentence spans over the clean text, by punctuation, paragraphs and heading lines.

    A single newline ends a sentence only where the line is a heading (short, or in capitals) or
    the next line starts a numbered paragraph or a bullet: OCR wraps sentences across lines.
    Over-long "sentences" (tables, lists) are cut at line ends so no span exceeds ~`max_chars`.
    """
    text = clean_text.text if isinstance(clean_text, CleanText) else clean_text
    cuts: set[int] = set()
    for m in _BOUNDARY_RE.finditer(text):
        if m.group(0).startswith("\n"):
            cuts.add(m.end())
            continue
        before = text[max(0, m.start() - 12):m.start() + 1]
        word = re.search(r"([A-Za-z.]+)\.$", before)
        if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        cuts.add(m.end())
    cuts.update(m.end() for m in _DATELINE_RE.finditer(text))
    line_start = 0
    for m in _LINE_RE.finditer(text):
        line = text[line_start:m.start()].strip()
        following = text[m.end():m.end() + 6]
        short_heading = (len(line) < 45 and not _CONTINUES_RE.search(line)
                         and not re.match(r"\d{1,3}(?:\.\d+)*\.?\s+\S", line)
                         and not following[:1].islower())
        if line and (short_heading or (line.isupper() and len(line) < 120)
                     or re.match(r"\s*(?:\d{1,3}\.\s|[•·*]\s|\(\w{1,3}\)\s)", following)
                     or line.endswith((":", "."))):
            cuts.add(m.end())
        line_start = m.end()
    ordered = sorted(cuts | {0, len(text)})
    spans: list[tuple[int, int]] = []
    for a, b in zip(ordered, ordered[1:]):
        spans.extend(_cap(text, a, b, max_chars))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in spans) if b > a]


def _cap(text: str, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    """Split an over-long span at newlines, then semicolons, then hard."""
    if b - a <= max_chars:
        return [(a, b)]
    out: list[tuple[int, int]] = []
    while b - a > max_chars:
        window = text[a:a + max_chars]
        cut = max(window.rfind("\n"), window.rfind("; "), window.rfind(", "))
        cut = a + cut + 1 if cut > max_chars // 4 else a + max_chars
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
