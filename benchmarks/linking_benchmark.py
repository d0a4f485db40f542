"""How well does linking put documents in the right case? Pairwise precision and recall.

Builds cases from a corpus whose true cases are known, with the REAL extractor and linker, in a
temporary database, then compares the document-to-case assignment with the truth:

- the three seed articles (../shared/corpus/seeds) are one case (labels/seeds.jsonl: case_key);
- each GDPRhub notice (kind "notice") and the editorial summary with the same file stem (kind
  "article", press-like prose) are one case; a stem with only one document is a case of one;
- except where a GDPRhub page pairs two different ICO actions: its PDF is the enforcement notice
  while its summary describes the monetary penalty issued the same day (hand-checked, listed in
  TWO_ACTION_PAGES with what each text says). By this project's definition (issue: "an MPN and
  an EN for the same organisation are two cases") those are two true cases; the figure by file
  stem alone is printed too;
- each press page (../shared/corpus/press, kind "article", its title the first line, its
  published date the page's own dateline where its opening has one, found by the extractor's
  rule, never a label's date) is in the case its label's `case_key` names;
- keys of different sets that are one real case are joined in SAME_REAL_CASE (hand-checked, a
  reason each): a case is one action with its history, so the seeds' notice of intent and the
  press's final penalty of it are one case, as are a GDPRhub page and the press about it;
- a document labelled `is_enforcement_action: false` (labels/*.jsonl: a court judgment, an FOI
  decision, a page about a breach the ICO took no action on) belongs to no case: it is left out
  of the pairs and counted apart ("linked to a case anyway").

Pairwise scores: over all pairs of documents, a pair is "predicted together" when the two share
a case, "truly together" when they have the same true case. Precision = together in both /
predicted together; recall = together in both / truly together. A document in which the
extractor finds no action is an unassigned singleton (it pairs with nothing). A page that reports
several cases (a round-up, other cases told for context) is linked to each of them, while its
label names the case its headline and opening are about: it is scored by the cases of its main
(first) action, and the figure over every case a document is linked to is printed too, against a
truth in which a round-up's page is also truly in each case it reports (OTHER_CASES). Printed
overall, for the pairs within each set (seeds, gdprhub, press) and for the pairs across two sets, then
every false and missed pair with a one-line reason and what the extractor read in each
document. Target: >= 0.97 both, overall.

    .venv/bin/python benchmarks/linking_benchmark.py [--corpus ../shared/corpus] [--show-all]
    .venv/bin/python benchmarks/linking_benchmark.py --no-datelines   # press pages undated
    .venv/bin/python benchmarks/linking_benchmark.py --arrival-seed 3 # linked one by one, shuffled
    .venv/bin/python benchmarks/linking_benchmark.py --synthetic 2000     # speed on made-up data
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.extract.dates import find_publication_date  # noqa: E402
from pipeline.link import link_document, normalise_name, rebuild_cases  # noqa: E402
from pipeline.models import Document, DocumentKind  # noqa: E402
from pipeline.store import ensure_db_shape, open_db, save_document, save_extraction  # noqa: E402


def default_corpus() -> Path:
    for candidate in (REPO.parent / "shared" / "corpus", REPO / ".." / "shared" / "corpus"):
        if candidate.exists():
            return candidate.resolve()
    return REPO.parent / "shared" / "corpus"


def load_labels(corpus: Path) -> dict[str, dict]:
    """Every label line (labels/*.jsonl), by document path under the corpus."""
    labels: dict[str, dict] = {}
    for path in sorted((corpus / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = json.loads(line)
                labels[label["doc"]] = label
    return labels


# GDPRhub pages whose notice PDF and summary report two different ICO actions (checked by reading
# both texts): the notice's heading is ENFORCEMENT NOTICE, the summary reports the fine and never
# the enforcement notice.
TWO_ACTION_PAGES: dict[str, str] = {
    "colour-car-sales-limited": "notice: ENFORCEMENT NOTICE (PECR reg. 22); summary: 'imposed a fine'",
    "saga-services-limited": "notice: Enforcement notice; summary: 'the ICO fined the company (GBP 150,000)'",
}


# Case keys of different sets that are one real case (checked by reading both texts). By this
# project's definition a case is one action with its history, so a notice of intent and the
# final penalty it led to are one case.
SAME_REAL_CASE: dict[str, tuple[str, str]] = {
    "ico-2024-advanced": ("ico-2025-advanced", "seeds: the notice of intent to fine Advanced £6.09m "
                          "(Aug 2024); press: the final £3.07m penalty that followed it (Mar 2025)"),
    "gdprhub:23andme-inc": ("ico-2025-23andme", "both: the £2.31m penalty of June 2025 for the "
                            "credential stuffing attack"),
    "gdprhub:dpp-law-ltd": ("ico-2025-dpp-law", "both: the £60,000 penalty of April 2025 after the "
                            "cyber attack on the law firm"),
    "gdprhub:monetary-penalty-on-marriott-international-inc": (
        "ico-2020-marriott", "notice: the £18.4m penalty of 30 Oct 2020 after the £99.2m notice "
        "of intent; press: that intent (Jul 2019) and that penalty"),
    "gdprhub:ico-v-the-electoral-commission": (
        "ico-2024-electoral-commission", "both: the reprimand for the ProxyShell breach of the "
        "electoral registers (about 40 million people)"),
    "gdprhub:ministry-of-defence": ("ico-2023-mod-afghan-email", "both: the £350,000 fine for the "
                                    "Afghan relocation email of 20 Sep 2021"),
    "gdprhub:the-ministry-of-justice": (
        "ico-2022-moj-sar-enforcement-notice", "both: the enforcement notice of 18 Jan 2022 over "
        "7,753 overdue subject access requests (not the MoJ's prison-waste reprimand)"),
}


# Press pages that report other cases besides the one their label is about (round-ups, listing
# pages, "two firms fined"; checked by reading each text and its label's notes): the document is
# coverage of each, so it is truly together with the documents of each. Keys of cases the corpus
# has no other document about are listed too, for the record.
OTHER_CASES: dict[str, tuple[tuple[str, ...], str]] = {
    "corpus://press/049.txt": (("ico-2022-clearview", "ico-2022-clearview:enforcement_notice", "ico-dfe-reprimand"),
                               "after 23andMe: the reprimand to the DfE, Clearview AI's £7,552,800 fine "
                               "and its enforcement notice"),
    "corpus://press/070.txt": (("ico-national-debt-advice",), "the second firm fined: National Debt Advice "
                               "Limited, £30,000"),
    "corpus://press/080.txt": (("ico-2025-capita", "ico-2025-23andme"), "after LastPass, the year's earlier "
                               "fines: Capita £14m (October), 23andMe £2.31m (June)"),
    "corpus://press/083.txt": (("ico-2023-uhdb-reprimand",), "after NHS Fife, the reprimand to University "
                               "Hospitals of Derby and Burton NHS Trust (30 Oct 2023)"),
}


def true_keys(url: str, key: str) -> set[str]:
    """Every case a document truly belongs to: its own, and the other cases it reports."""
    return {key, *OTHER_CASES.get(url, ((), ""))[0]}


def load_corpus(corpus: Path, *, split_two_action_pages: bool = True,
                datelines: bool = True) -> list[tuple[Document, str | None]]:
    """(document, true case key) for every document of the corpus, in a fixed order.

    A document labelled `is_enforcement_action: false` (a court judgment, an FOI decision, a page
    about a breach the ICO took no action on) has the key None: it belongs to no case. Keys of
    the different sets that name one real case are joined through SAME_REAL_CASE.
    """
    items: list[tuple[Document, str | None]] = []
    labels = load_labels(corpus)

    def truth(rel: str, key: str) -> str | None:
        if labels.get(rel, {}).get("is_enforcement_action") is False:
            return None
        return SAME_REAL_CASE.get(key, (key, ""))[0]

    for path in sorted((corpus / "seeds").glob("*.txt")):
        rel = f"seeds/{path.name}"
        items.append((_document(path, rel, "article"), truth(rel, labels.get(rel, {}).get("case_key", "seeds"))))
    folders: tuple[tuple[str, DocumentKind], ...] = (("notices", "notice"), ("summaries", "article"))
    for folder, kind in folders:
        for path in sorted((corpus / "gdprhub" / folder).glob("*.txt")):
            rel = f"gdprhub/{folder}/{path.name}"
            key = f"gdprhub:{path.stem}"
            if split_two_action_pages and path.stem in TWO_ACTION_PAGES and kind == "notice":
                key += ":enforcement_notice"
            items.append((_document(path, rel, kind), truth(rel, key)))
    for path in sorted((corpus / "press").glob("*.txt")):
        rel = f"press/{path.name}"
        label = labels.get(rel)
        if label is None:
            continue                         # a page nobody labelled has no known case
        items.append((_document(path, rel, "article", datelines), truth(rel, label["case_key"])))
    return items


def set_of(url: str) -> str:
    """Which set of the corpus a document comes from: seeds, gdprhub or press."""
    return url.removeprefix("corpus://").split("/", 1)[0]


def _document(path: Path, rel: str, kind: DocumentKind, dateline: bool = False) -> Document:
    """The document as a run would store it: an article's title is its first line, and its
    published date is the page's own dateline when its opening has one ("Posted on 02 Nov
    2020"), found by the extractor's own rule (never a label's answer)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    found = find_publication_date(text[:400]) if dateline else None
    return Document(
        url=f"corpus://{rel}", source="benchmark", kind=kind,
        title=first_line[:200] if kind == "article" and first_line else None,
        text=text, published=found.iso if found and len(found.iso) == 10 else None,
        fetched_at="2025-01-01T00:00:00Z",
        outlet="ICO" if kind == "notice" else "GDPRhub" if rel.startswith("gdprhub") else "press",
    )


def pairwise(predicted: dict[str, set[str]], truth: dict[str, str],
             keep: Callable[[str, str], bool] = lambda a, b: True, *,
             with_other_cases: bool = False) -> tuple[float, float, list, list]:
    """Pairwise precision, recall, and the false-together / missed pairs (over the pairs `keep`
    accepts: all of them, those within one set, or those across two). `with_other_cases`: a
    round-up's page is also truly in each case it reports (OTHER_CASES)."""
    docs = sorted(truth)
    tp = fp = fn = 0
    false_pairs, missed_pairs = [], []
    for a, b in itertools.combinations(docs, 2):
        if not keep(a, b):
            continue
        together = bool(predicted.get(a, set()) & predicted.get(b, set()))
        if with_other_cases:
            truly = bool(true_keys(a, truth[a]) & true_keys(b, truth[b]))
        else:
            truly = truth[a] == truth[b]
        if together and truly:
            tp += 1
        elif together:
            fp += 1
            false_pairs.append((a, b))
        elif truly:
            fn += 1
            missed_pairs.append((a, b))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, false_pairs, missed_pairs


def main_cases(doc: Document, actions: list, linked: set[str], case_org: dict[str, str],
               orgs_by_name: dict[str, set[str]]) -> set[str]:
    """The cases of a document's main action (its first) among all it is linked to: those of the
    organisation its names resolved to. A round-up's other items name other organisations."""
    if not actions or len(linked) <= 1:
        return set(linked)

    def orgs_of(action) -> set[str]:
        found: set[str] = set()
        for name in [action.organisation, *action.organisation_aliases]:
            if name:
                found |= orgs_by_name.get(normalise_name(name), set())
        return found

    main = orgs_of(actions[0])
    if main:
        return {c for c in linked if case_org.get(c) in main}
    others = set().union(*(orgs_of(a) for a in actions[1:]))
    return {c for c in linked if case_org.get(c) not in others}


def short(url: str) -> str:
    return url.removeprefix("corpus://")


def said(actions: list) -> str:
    """What the extractor read in one document, in one line: organisation, type, amount, date."""
    if not actions:
        return "no action"
    return "; ".join(f"{a.organisation!r} {a.action_type} {a.status or ''} "
                     f"{a.amount_gbp if a.amount_gbp is not None else '-'} {a.action_date or '-'}"
                     for a in actions[:3])


def why_apart(a: str, b: str, found: dict[str, list], by_org: dict[str, set[str]]) -> str:
    """A one-line reason two documents of one case were not put together."""
    if not found[a] or not found[b]:
        return "no action extracted from one of them"
    if not by_org.get(a) or not by_org.get(b):
        return "one of them is in no case (no organisation named)"
    if not by_org[a] & by_org[b]:
        return "their organisation names led to different organisations"
    return "same organisation, but another case (type, figure or dates did not fit)"


def synthetic_speed(pairs: int, db_path: Path) -> None:
    """Linking throughput on made-up data: `pairs` ICO register pages, each with one article.

    No extractor: the Actions are built directly, so this times link + store alone.
    """
    from pipeline.models import Action

    rng = random.Random(1)
    words = ["Alpha", "Beta", "Gamma", "Delta", "North", "South", "Smart", "Green", "Prime",
             "Home", "Direct", "Energy", "Loans", "Care", "Data", "Marketing", "Services"]
    db = open_db(db_path)
    ensure_db_shape(db)
    started = time.monotonic()
    with db.atomic():
        for i in range(pairs):
            name = f"{rng.choice(words)} {rng.choice(words)} {i} Ltd"
            day = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            amount = rng.randint(1, 500) * 1000
            action_type = rng.choice(["monetary_penalty", "reprimand"])
            for doc, action in (
                (Document(url=f"https://ico.example/e/{i}", source="ico", kind="enforcement_page",
                          title=name, text=name, published=day, fetched_at="2025-01-01T00:00:00Z"),
                 Action(organisation=name, action_type=action_type, status="final",
                        amount_gbp=amount, action_date=day)),
                (Document(url=f"https://news.example/{i}", source="press", kind="article",
                          title=name, text=f"{name} fined", published=day,
                          fetched_at="2025-01-01T00:00:00Z"),
                 Action(organisation=name.replace(" Ltd", ""), action_type=action_type,
                        amount_gbp=amount)),
            ):
                document_id, _ = save_document(db, doc)
                save_extraction(db, document_id, doc, [action], extractor_version="benchmark")
                link_document(db, document_id, doc, [action])
    linked = time.monotonic()
    with db.atomic():
        cases = rebuild_cases(db)
    rebuilt = time.monotonic()
    print(f"synthetic: {2 * pairs} documents -> {cases} cases; store + link "
          f"{(linked - started) / (2 * pairs) * 1000:.2f} ms/document, rebuild "
          f"{(rebuilt - linked) / (2 * pairs) * 1000:.2f} ms/document")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--show-all", action="store_true", help="print every document's cases")
    parser.add_argument("--arrival-seed", type=int, metavar="SEED",
                        help="link documents one by one in a shuffled arrival order, not the rebuild's")
    parser.add_argument("--no-datelines", action="store_true",
                        help="give the press pages no published date (how much linking leans on it)")
    parser.add_argument("--keep-db", type=Path, help="build the database here instead of a temp file")
    parser.add_argument("--synthetic", type=int, metavar="PAIRS",
                        help="instead: time linking on PAIRS made-up ICO page + article pairs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            synthetic_speed(args.synthetic, Path(tmp) / "synthetic.db")
        return 0

    from pipeline.extract import Extractor

    items = load_corpus(args.corpus, datelines=not args.no_datelines)
    if not items:
        print(f"no documents under {args.corpus}")
        return 2
    started = time.monotonic()
    extractor = Extractor()
    documents = [doc for doc, _ in items]
    all_actions = extractor.extract_many(documents)
    extracted = time.monotonic()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.keep_db or Path(tmp) / "benchmark.db"
        if db_path.exists():
            db_path.unlink()
        db = open_db(db_path)
        ensure_db_shape(db)
        with db.atomic():
            if args.arrival_seed is None:
                for doc, actions in zip(documents, all_actions):
                    document_id, _ = save_document(db, doc)
                    save_extraction(db, document_id, doc, actions, extractor_version="benchmark")
                # rebuild_cases links every stored document in the fixed order (ICO first).
                rebuild_cases(db)
            else:
                # As nightly runs meet them: one at a time, in an order of the sources' making.
                order = list(range(len(documents)))
                random.Random(args.arrival_seed).shuffle(order)
                for i in order:
                    document_id, _ = save_document(db, documents[i])
                    save_extraction(db, document_id, documents[i], all_actions[i], extractor_version="benchmark")
                    link_document(db, document_id, documents[i], all_actions[i])
        linked = time.monotonic()
        linked_any: dict[str, set[str]] = defaultdict(set)
        for url, case_id in db.execute("SELECT d.url, cd.case_id FROM case_documents cd "
                                       "JOIN documents d ON d.id = cd.document_id"):
            linked_any[url].add(case_id)
        case_org = dict(db.execute("SELECT id, organisation_id FROM cases").fetchall())
        orgs_by_name: dict[str, set[str]] = defaultdict(set)
        for key, org_id in db.execute("SELECT normalised_alias, organisation_id FROM organisation_aliases"):
            orgs_by_name[key].add(org_id)
        # A round-up is linked to every case it reports; it is scored by its main action's case
        # (the labels give each page the case its headline and opening are about).
        predicted = {doc.url: main_cases(doc, actions, linked_any.get(doc.url, set()), case_org, orgs_by_name)
                     for doc, actions in zip(documents, all_actions)}
        # The same assignment at organisation level: GDPRhub files an organisation's penalty and
        # enforcement notice of one day as one case, where we (as the brief says) keep two.
        by_org = {url: {case_org[c] for c in cases} for url, cases in predicted.items()}
        case_count = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        db.close()

    # Documents that report no enforcement action are scored apart: each should be in no case.
    not_actions = [doc.url for doc, key in items if key is None]
    wrongly_linked = [url for url in not_actions if predicted.get(url)]
    truth = {doc.url: key for doc, key in items if key is not None}
    precision, recall, false_pairs, missed_pairs = pairwise(predicted, truth)
    # The linker alone: only documents in which the extractor found an action naming someone.
    named = {doc.url for doc, actions in zip(documents, all_actions)
             if any(a.organisation for a in actions) and doc.url in truth}
    link_precision, link_recall, _, _ = pairwise(predicted, {u: k for u, k in truth.items() if u in named})
    unassigned = [doc.url for doc in documents if not predicted.get(doc.url)]
    no_action = [doc.url for doc, actions in zip(documents, all_actions) if not actions]
    found = {doc.url: actions for doc, actions in zip(documents, all_actions)}

    print(f"documents: {len(items)}   true cases: {len(set(truth.values()))}   "
          f"predicted cases: {case_count}")
    print(f"labelled as reporting no enforcement action: {len(not_actions)}, "
          f"of which linked to a case anyway: {len(wrongly_linked)} {wrongly_linked or ''}")
    print(f"documents with no action extracted: {len(no_action)}   unassigned: {len(unassigned)}")
    print(f"pairwise precision: {precision:.3f}   recall: {recall:.3f}   (target >= 0.97 both)")
    for name, keep in (
        ("seeds", lambda a, b: set_of(a) == set_of(b) == "seeds"),
        ("gdprhub", lambda a, b: set_of(a) == set_of(b) == "gdprhub"),
        ("press", lambda a, b: set_of(a) == set_of(b) == "press"),
        ("cross-set", lambda a, b: set_of(a) != set_of(b)),
    ):
        set_precision, set_recall, set_false, set_missed = pairwise(predicted, truth, keep)
        print(f"  {name + ' pairs:':17} precision {set_precision:.3f}   recall {set_recall:.3f}   "
              f"({len(set_false)} false, {len(set_missed)} missed)")
    any_precision, any_recall, _, _ = pairwise(linked_any, truth, with_other_cases=True)
    print(f"  every case a document is linked to (a round-up's other items too): "
          f"precision {any_precision:.3f}   recall {any_recall:.3f}")
    print(f"  linker alone (the {len(named)} documents with an action naming an organisation): "
          f"precision {link_precision:.3f}   recall {link_recall:.3f}")
    by_stem = {doc.url: key for doc, key in load_corpus(args.corpus, split_two_action_pages=False)
               if key is not None}
    stem_precision, stem_recall, _, _ = pairwise(predicted, by_stem)
    org_precision, org_recall, _, _ = pairwise(by_org, by_stem)
    print(f"  truth by file stem alone (the {len(TWO_ACTION_PAGES)} two-action GDPRhub pages as one case): "
          f"precision {stem_precision:.3f}   recall {stem_recall:.3f}")
    print(f"  at organisation level (an MPN and an EN of one organisation count as one case): "
          f"precision {org_precision:.3f}   recall {org_recall:.3f}")
    print(f"time: extraction {extracted - started:.1f}s, store + link {linked - extracted:.1f}s")
    if false_pairs:
        print("\nput together but different cases (true keys; what each document's actions say):")
        for a, b in false_pairs:
            print(f"  {short(a)} + {short(b)} in {sorted(predicted[a] & predicted[b])}: "
                  f"{truth[a]} vs {truth[b]}\n    {said(found[a])} | {said(found[b])}")
    if missed_pairs:
        print("\nsame case but not linked together (why, then what each document's actions say):")
        for a, b in missed_pairs:
            print(f"  {short(a)} {sorted(predicted.get(a, [])) or '(unassigned)'} vs {short(b)} "
                  f"{sorted(predicted.get(b, [])) or '(unassigned)'}: {why_apart(a, b, found, by_org)}"
                  f"\n    {said(found[a])} | {said(found[b])}")
    if wrongly_linked:
        print("\nreporting no action but linked to a case:")
        for url in wrongly_linked:
            print(f"  {short(url)} {sorted(predicted[url])}: {said(found[url])}")
    if args.show_all:
        print("\nevery document:")
        for doc, actions in zip(documents, all_actions):
            names = [(a.organisation, a.action_type, a.status, a.amount_gbp, a.action_date) for a in actions]
            print(f"  {doc.url}: {sorted(predicted.get(doc.url, []))} <- {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
