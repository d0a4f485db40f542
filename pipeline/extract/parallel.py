"""Extraction spread over worker processes, for the commands that extract many documents at once.

Extraction is CPU-bound Python and spaCy, so one process uses one core. `reparse`, `ingest` of
many files and a cold `run` hand their documents to an `ExtractionPool`: below a threshold it
calls `Extractor.extract_many` in this process (a worker costs about a second of CPU and
~200 MiB to start, loading spaCy and the model), above it the documents go in chunks to a pool
of worker processes, each with its own `Extractor`, and come back in order. Only extraction
moves: the caller stays the one writer of the database, storing and linking the results itself.

    with ExtractionPool(workers=4) as pool:      # None: one per CPU this process may use
        for batch in batches:
            actions = pool.extract_many(batch)   # same result as Extractor().extract_many(batch)

Workers are started with "spawn" (a fresh interpreter): forking a process that holds an open
SQLite connection, or a thread such as the demo's mirror server, is not safe.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Sequence

from pipeline.extract.extractor import Extractor
from pipeline.models import Action, Document

logger = logging.getLogger(__name__)

# A pool pays for itself once a job has about this much work per worker: a worker costs ~1.5 s
# of CPU to start (spaCy and the model), a typical document ~10 ms to extract, and with w
# workers the saving is (1 - 1/w) of the extraction time: 250 documents a worker is past even.
MIN_DOCUMENTS_PER_WORKER = 250
MIN_CHARACTERS_PER_WORKER = 1_000_000
# Documents sent to a worker at a time: big enough to batch spaCy's NER, small enough that
# every worker gets a share of a modest batch and memory stays bounded.
CHUNK_DOCUMENTS = 32


def default_workers() -> int:
    """One worker per CPU this process may run on (the affinity mask, where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                       # not Linux
        return max(1, os.cpu_count() or 1)


def worth_a_pool(documents: Sequence[Document], workers: int, total: int | None = None) -> bool:
    """Is there enough extraction to amortise starting `workers` processes? In `documents`, or
    in the whole job they are a batch of (`total` documents, when the caller knows it)."""
    if workers <= 1:
        return False
    if total is not None and total >= MIN_DOCUMENTS_PER_WORKER * workers:
        return True
    characters = sum(len(document.text or "") for document in documents)
    return (len(documents) >= MIN_DOCUMENTS_PER_WORKER * workers
            or characters >= MIN_CHARACTERS_PER_WORKER * workers)


class ExtractionPool:
    """`extract_many` that uses worker processes when the batch is big enough to pay for them.

    The pool starts at the first call that is worth it and serves every later call, so a command
    that extracts in batches pays the start-up once. Results are identical to a single process:
    each document is extracted independently, by the same extractor code and model.
    """

    def __init__(self, workers: int | None = None, *, extractor: Extractor | None = None,
                 always: bool = False, known_organisations: Sequence[str] = ()) -> None:
        """`workers`: processes to use (None: `default_workers()`; 1: never a pool).
        `extractor`: the in-process one, used for batches too small for the pool (the workers
        build their own). `always`: use the pool for every batch, however small (tests).
        `known_organisations`: names the database knows, for every extractor's gazetteer."""
        self.workers = default_workers() if workers is None else max(1, int(workers))
        self.always = always and self.workers > 1
        self._known = list(known_organisations)
        if extractor is not None and self._known:
            extractor.set_known_organisations(self._known)
        self._extractor = extractor
        self._executor: ProcessPoolExecutor | None = None

    @property
    def extractor(self) -> Extractor:
        """The in-process extractor, loaded only when a batch is extracted here."""
        if self._extractor is None:
            self._extractor = Extractor(known_organisations=self._known)
        return self._extractor

    def extract_many(self, documents: Sequence[Document], *, total: int | None = None) -> list[list[Action]]:
        """The actions of each document, in order, as `Extractor.extract_many` returns them.

        `total`: how many documents the whole job extracts, when `documents` is one batch of it,
        so that a job of many small batches still starts the pool (once) when it pays.
        """
        documents = list(documents)
        if not documents:
            return []
        if (self._executor is None and not self.always
                and not worth_a_pool(documents, self.workers, total)):
            return self.extractor.extract_many(documents)
        chunks = [documents[i:i + CHUNK_DOCUMENTS] for i in range(0, len(documents), CHUNK_DOCUMENTS)]
        try:
            results = list(self._pool().map(_extract_chunk, chunks))
        except BrokenProcessPool as exc:
            # A worker died (killed, out of memory): finish this batch here, start afresh next time.
            logger.warning("extraction worker died (%s); extracting this batch in one process", exc)
            self.close()
            return self.extractor.extract_many(documents)
        return [actions for chunk in results for actions in chunk]

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            logger.info("starting %d extraction workers", self.workers)
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(self._known,))
        return self._executor

    def close(self) -> None:
        """Stop the workers (if any were started)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# -- in the worker process ---------------------------------------------------------------------
_worker_extractor: Extractor | None = None


def _start_worker(known_organisations: Sequence[str] = ()) -> None:
    """Load the extractor once per worker, before its first chunk."""
    global _worker_extractor
    _worker_extractor = Extractor(known_organisations=known_organisations)


def _extract_chunk(documents: list[Document]) -> list[list[Action]]:
    assert _worker_extractor is not None, "the pool's initializer loads the extractor"
    return _worker_extractor.extract_many(documents)


__all__ = ["CHUNK_DOCUMENTS", "ExtractionPool", "default_workers", "worth_a_pool"]
