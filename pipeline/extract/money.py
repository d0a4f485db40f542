"""Money amounts in every way UK enforcement texts write them. Pure: no spaCy.

Written forms seen in notices, press and editorial summaries: "£6m", "£6.09m", "£6 million",
"£14,472,500.00", "£45 000", "GBP 150,000", "2.310.000 GBP", "€176,000 (GBP 150,000)". Only the
currency and the number are decided here; which amount is *the penalty* is decided by the
extractor from the words around it.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# A number as written: grouped thousands ("14,472,500.00", "45 000", "2.310.000") or plain
# ("6.09", "500"). Spaces as group separators only before exactly three digits, so "£45 000" is one
# number but "£500 2019" is not.
_NUMBER = r"(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:[ \u00a0]\d{3})+)(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?)"
_MULTIPLIER = r"(?:\s?(?P<mult>bn|billion|m|mn|million|k|thousand)\b)?"
_GBP_WORDS = r"(?:GBP|pounds sterling|pounds|pound|sterling)"     # "a 200,000 pound fine"
_EUR_WORDS = r"(?:EUR|euros?)"
_USD_WORDS = r"(?:USD|US dollars|dollars)"

_MONEY_RE = re.compile(
    r"(?P<pre>£|GBP\s?|€|EUR\s?|US\$|\$|USD\s?)\s?(?P<num>" + _NUMBER + r")" + _MULTIPLIER
    + r"|(?<![\w.,])(?P<num2>" + _NUMBER + r")" + _MULTIPLIER.replace("mult", "mult2")
    + r"\s?(?P<post>" + _GBP_WORDS + "|" + _EUR_WORDS + "|" + _USD_WORDS + r")\b",
    re.IGNORECASE,
)

# A penalty whose pound sign a page lost ("was handed a 100,000 penalty", "fined 60k for..."): a
# bare figure only counts right before "penalty"/"fine" or right after "fined" or "penalty of", in thousands.
BARE_PENALTY_RE = re.compile(
    r"\b(?:a|an|the)\s(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?(?:k|m|million)\b)\s(?:monetary\s)?(?:penalty|fine)\b|"
    r"\bfined\s(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?(?:k|m|million)\b)(?=\s?(?:[,.;:)]|for\b|after\b|by\b|over\b))|"
    # "the imposition of a monetary penalty of 55,000."
    r"\b(?:penalty|fine)\sof\s(?P<num3>\d{1,3}(?:,\d{3})+)(?=\s?(?:[,.;:)]|for\b|after\b|by\b|over\b|$))",
    re.IGNORECASE)

_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000,
                "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class MoneySpan:
    """One amount found in a text: its value in whole units of its currency and where it is."""

    amount: int
    currency: str      # "GBP", "EUR" or "USD"
    start: int
    end: int
    text: str
    rounded: bool      # written with a multiplier and few digits ("£6m"): a headline figure


def _currency(marker: str) -> str:
    m = marker.strip().lower()
    if m in ("£", "gbp", "pounds", "pound", "pounds sterling", "sterling"):
        return "GBP"
    if m in ("€", "eur", "euro", "euros"):
        return "EUR"
    return "USD"


def number_value(num: str, multiplier: str | None = None) -> float | None:
    """The value of one written number, deciding what "." and "," mean from their positions.

    "2.310.000" (several dot groups), "750.000" (three digits after one dot, with no multiplier:
    no sum of money has three decimals) and "14,472,500.00" use thousands separators; "6.09" with a
    multiplier is a decimal; "1,5 million" (a decimal comma) is read as 1.5 million.
    """
    s = num.replace("\u00a0", " ").strip()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d{1,2})?", s):          # 2.310.000(,00)
        s = s.replace(".", "").replace(",", ".")
    elif not multiplier and re.fullmatch(r"\d{1,3}\.\d{3}", s):          # 750.000: no sum has three decimals
        s = s.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d{1,2})?", s):         # 45 000
        s = s.replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", s):           # 14,472,500.00
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", s):                                 # 1,5 (decimal comma)
        s = s.replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):                                      # 1000,000 odd grouping
        s = s.replace(",", "")
    try:
        value = float(s)
    except ValueError:
        return None
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    return value


def find_money(text: str) -> list[MoneySpan]:
    """Every money amount in `text`, in order, with character offsets.

    Never raises: text that only looks like money is skipped.
    """
    spans: list[MoneySpan] = []
    for m in _MONEY_RE.finditer(text):
        if m.group("num") is not None:
            num, mult, marker = m.group("num"), m.group("mult"), m.group("pre")
        else:
            num, mult, marker = m.group("num2"), m.group("mult2"), m.group("post")
        value = number_value(num, mult)
        if value is None or value != value or value > 1e15:   # NaN or absurd
            continue
        digits = re.sub(r"\D", "", num.split(".")[0] if mult is None else num)
        rounded = bool(mult) and len(digits.rstrip("0")) <= 2
        spans.append(MoneySpan(int(round(value)), _currency(marker), m.start(), m.end(),
                               m.group(0), rounded))
    for m in BARE_PENALTY_RE.finditer(text):
        group = next(g for g in ("num", "num2", "num3") if m.group(g) is not None)
        written = re.fullmatch(r"([\d.,]+)\s?(k|m|million)?", m.group(group), re.I)
        if written is None:
            continue
        value = number_value(written.group(1), written.group(2))
        a, b = m.span(group)
        if value is None or value < 1000 or any(x.start < b and a < x.end for x in spans):
            continue
        rounded = bool(written.group(2)) and len(re.sub(r"\D", "", written.group(1)).rstrip("0")) <= 2
        spans.append(MoneySpan(int(round(value)), "GBP", a, b, m.group(group), rounded))
    spans.sort(key=lambda x: x.start)
    return spans


def parse_money(text: str) -> int | None:
    """The first amount in pounds sterling in `text`, as whole pounds; None when there is none.

    "€176,000 (GBP 150,000)" gives 150000: a euro figure is only a conversion for readers abroad.
    """
    for span in find_money(text):
        if span.currency == "GBP":
            return span.amount
    return None


def significant_digits(value: int) -> int:
    """3,076,320 -> 6; 3,070,000 -> 3: how exactly a figure (a fine, a count of people) was written."""
    return len(str(value).rstrip("0")) or 1


def format_gbp(amount: int) -> str:
    """How notices write an exact amount: "£14,472,500"."""
    return f"£{amount:,}"
