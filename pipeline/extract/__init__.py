"""Extraction: document text -> enforcement `Action`s (who, what, how much, how many, which failures).

See docs/EXTRACTION.md. Public API::

    from pipeline.extract import Extractor, EXTRACTOR_VERSION, extract_text
    actions = Extractor().extract(text, title=..., kind=..., published=..., metadata=...)
"""
from pipeline.extract.extractor import EXTRACTOR_VERSION, Extractor, default_extractor, extract_text
from pipeline.extract.failures import TAXONOMY

__all__ = ["EXTRACTOR_VERSION", "Extractor", "TAXONOMY", "default_extractor", "extract_text"]
