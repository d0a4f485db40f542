"""The committed offline mirror is exactly what its generators in tools/demo_mirror/ produce.

The generators live outside the installed package (they need fpdf2, a test-only dependency), so
nothing at run time would notice if the committed pages and PDFs drifted from cases.py and the
notice texts. Regenerating into a temporary directory and comparing byte for byte catches a
hand edit of the mirror, a forgotten regeneration, or a generator that stopped being
deterministic (the PDFs carry a fixed creation date for that reason).
"""
from __future__ import annotations

from pathlib import Path

from pipeline.demo.mirror_server import MIRROR_ROOT
from tools.demo_mirror import build_mirror, make_pdfs


def files_under(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_regenerating_reproduces_the_committed_mirror(tmp_path: Path) -> None:
    out = tmp_path / "mirror"
    pdfs = make_pdfs.build(make_pdfs.TEXT_ROOT, out)   # first: detail pages declare PDF sizes
    build_mirror.build(out)

    committed, regenerated = files_under(MIRROR_ROOT), files_under(out)
    assert len(pdfs) == len(list(make_pdfs.TEXT_ROOT.rglob("*.txt"))) > 0
    assert sorted(committed) == sorted(regenerated)
    differing = [name for name in committed if committed[name] != regenerated[name]]
    assert not differing, "regenerate with tools/demo_mirror (see pipeline/demo/README.md): " + ", ".join(differing)


def test_a_changed_fact_shows_up_as_a_difference(tmp_path: Path) -> None:
    """The comparison can fail: one edited notice text changes its PDF and nothing else."""
    texts = tmp_path / "texts"
    for source in make_pdfs.TEXT_ROOT.rglob("*.txt"):
        target = texts / source.relative_to(make_pdfs.TEXT_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    edited = sorted(texts.rglob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nOne more sentence.\n", encoding="utf-8")

    out = tmp_path / "mirror"
    make_pdfs.build(texts, out)
    committed, regenerated = files_under(MIRROR_ROOT), files_under(out)
    changed = [name for name in regenerated if regenerated[name] != committed[name]]
    assert changed == [edited.relative_to(texts).with_suffix(".pdf").as_posix()]
