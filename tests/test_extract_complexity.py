"""Every extraction pattern costs time linear in its input, on strings built to make it backtrack.

A pattern such as `[A-Z][\\w.]*(?:\\s+[A-Z][\\w.]*){0,8}\\s+fined` retries its open `*` from every
letter of a long word: a 30,000-letter "name" in one feed item once cost ~57 s of extraction, and
O(N^2) over the first 20,000 characters of a text. Here each family of patterns (every compiled
pattern a rule module defines, found by introspection so new ones are covered too) runs on
adversarial strings of length N and 8N. Linear growth is ~8x, quadratic ~64x; the test fails
above 24x. It compares a ratio, never a wall-clock time: it measures this process's CPU time,
takes the fastest of several interleaved repeats, and measures a failing ratio again before it
fails, so that a busy machine does not decide the result (a quadratic pattern fails every time).
"""
from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable
from types import ModuleType

import pytest

from pipeline.extract import default_extractor
from pipeline.extract.text import clean, split_sentences

pytestmark = pytest.mark.slow

FAMILY_MODULES = [
    "pipeline.extract.rules.party", "pipeline.extract.rules.enforcement", "pipeline.extract.rules.action_type",
    "pipeline.extract.rules.status", "pipeline.extract.rules.amount", "pipeline.extract.rules.subjects",
    "pipeline.extract.rules.action_date", "pipeline.extract.text", "pipeline.extract.money",
    "pipeline.extract.dates", "pipeline.extract.counts", "pipeline.extract.failures",
]
# Shapes that make a backtracking pattern retry: one endless capitalised word, a name after an
# enforcement verb, many short capitalised words, digits and money-like runs, dotted
# abbreviations, comma lists, runs of blanks and of newlines, open brackets.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "one long word": lambda n: "A" * n,
    "fined + long word": lambda n: "The ICO fined " + "A" * n,
    "short words": lambda n: "Aa " * (n // 3),
    "lower case": lambda n: "ab " * (n // 3),
    "digits": lambda n: "1" * n,
    "money": lambda n: "£" + "1," * (n // 2),
    "dotted": lambda n: "A." * (n // 2),
    "comma list": lambda n: "Ab, " * (n // 4),
    "names": lambda n: "Acme Ltd " * (n // 9),
    "blanks": lambda n: "A" + " " * n + "!",
    "newlines": lambda n: "\n" * n + "x",
    "blank lines with brackets": lambda n: "(\n" * (n // 2),
}
SMALL, GROWTH = 3000, 8
MAX_RATIO = 24.0
REPEATS = 3
ATTEMPTS = 3


def _patterns(module: ModuleType) -> list[re.Pattern[str]]:
    """Every compiled pattern a module defines at top level, alone or in a list, tuple or dict."""
    found: list[re.Pattern[str]] = []

    def visit(value: object, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            found.append(value)
        elif depth < 2 and isinstance(value, (list, tuple)):
            for item in value:
                visit(item, depth + 1)
        elif depth < 2 and isinstance(value, dict):
            for item in value.values():
                visit(item, depth + 1)

    for value in vars(module).values():
        visit(value)
    return found


def _fastest(run: Callable[[str], object], small: str, large: str) -> tuple[float, float]:
    """The fastest of REPEATS runs on each input, small and large interleaved."""
    best_small = best_large = float("inf")
    for _ in range(REPEATS):
        start = time.process_time()
        run(small)
        best_small = min(best_small, time.process_time() - start)
        start = time.process_time()
        run(large)
        best_large = min(best_large, time.process_time() - start)
    return best_small, best_large


def _growth(run: Callable[[str], object], make: Callable[[int], str], small_size: int = SMALL) -> float:
    """How much longer `run` takes on GROWTH times the input; the best of ATTEMPTS measurements."""
    small_text, large_text = make(small_size), make(small_size * GROWTH)
    ratio = float("inf")
    for _ in range(ATTEMPTS):
        small, large = _fastest(run, small_text, large_text)
        ratio = min(ratio, large / max(small, 1e-6))
        if ratio <= MAX_RATIO:
            break
    return ratio


@pytest.mark.parametrize("module_name", FAMILY_MODULES)
def test_pattern_family_is_linear(module_name: str) -> None:
    patterns = _patterns(importlib.import_module(module_name))
    assert patterns, f"{module_name} defines no pattern: the family list is out of date"

    def run_family(text: str) -> None:
        for pattern in patterns:
            for _ in pattern.finditer(text):
                pass

    slow = {name: round(ratio, 1) for name, make in ADVERSARIAL.items()
            if (ratio := _growth(run_family, make)) > MAX_RATIO}
    if slow:   # find the culprits, so the failure names them
        culprits = {}
        for name in slow:
            for pattern in patterns:
                ratio = _growth(lambda t: list(pattern.finditer(t)), ADVERSARIAL[name])
                if ratio > MAX_RATIO:
                    culprits[f"{pattern.pattern[:70]}... on {name}"] = round(ratio, 1)
        pytest.fail(f"superlinear growth x{GROWTH} input -> {slow}; patterns: {culprits}")


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL))
def test_cleaning_and_sentence_splitting_are_linear(shape: str) -> None:
    ratio = _growth(lambda t: split_sentences(clean(t)), ADVERSARIAL[shape])
    assert ratio <= MAX_RATIO, f"clean + split_sentences grew x{ratio:.1f} for x{GROWTH} input ({shape})"


def test_a_thirty_thousand_letter_name_costs_extraction_linear_time() -> None:
    """The reported stall: a second line "The ICO fined " + 30,000 x "A" took ~57 s."""
    extractor = default_extractor()

    def run(text: str) -> None:
        extractor.extract(text)

    for make in (lambda n: "ICO news\nThe ICO fined " + "A" * n + "\n",
                 lambda n: "ICO news\n" + "Acme Ltd " * (n // 9) + "was fined £1,000.\n"):
        ratio = _growth(run, make, small_size=4000)
        assert ratio <= MAX_RATIO, f"extract grew x{ratio:.1f} for x{GROWTH} input"
    assert extractor.extract("ICO news\nThe ICO fined " + "A" * 30000 + "\n") is not None
