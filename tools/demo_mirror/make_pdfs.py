"""Turn the notice texts in tools/demo_mirror/notice_texts/ into the mirror's notice PDFs.

`notice_texts/<path>.txt` becomes `mirror/<path>.pdf`, so the text file sits at the same
relative path as the URL the ICO would serve the PDF from (/media2/<token>/<file>.pdf,
/media/action-weve-taken/mpns/<id>/<file>.pdf, ...). The PDFs are committed: the demo and the
tests serve them as they are and read them back with pypdf, so they must hold real, extractable
text, as the ICO's own PDFs do.

    .venv/bin/python -m tools.demo_mirror.make_pdfs      # from the repository root

The output is deterministic (a fixed creation date), so re-running it does not churn git.
fpdf2 is a test dependency only: this is a maintainer's tool, not part of a run.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

from pipeline.demo.mirror_server import MIRROR_ROOT

logger = logging.getLogger(__name__)

TEXT_ROOT = Path(__file__).resolve().parent / "notice_texts"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)
HEADINGS = ("MONETARY PENALTY NOTICE", "PENALTY NOTICE", "REPRIMAND", "ENFORCEMENT NOTICE",
            "HYSBYSIAD COSB ARIANNOL", "CERYDD")

# The PDF core fonts are Latin-1. Typographic characters outside it become their plain forms;
# £ is Latin-1 and stays.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def latin1(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", errors="replace").decode("latin-1")


def text_to_pdf(text: str, *, title: str) -> bytes:
    """A plain A4 notice: the ICO header, bold headings, justified paragraphs, page numbers."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(latin1(title))
    pdf.set_author("Information Commissioner's Office")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "ICO.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 5, "Information Commissioner's Office", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for block in text.strip().split("\n\n"):
        block = latin1(block.strip())
        lines = block.splitlines()
        if len(lines) > 1 and lines[0].isupper():      # a multi-line capitals header
            pdf.set_font("Helvetica", "B", 11)
            for line in lines:
                pdf.multi_cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
        elif block in HEADINGS or block.isupper():
            pdf.set_font("Helvetica", "B", 13 if block in HEADINGS else 11)
            pdf.multi_cell(0, 7, block, align="C" if block in HEADINGS else "L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 10)
            for line in lines:
                pdf.multi_cell(0, 5, line, align="J" if len(line) > 90 else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def build(text_root: Path = TEXT_ROOT, mirror_root: Path = MIRROR_ROOT) -> list[Path]:
    """Write every PDF; returns the paths written."""
    written = []
    for source in sorted(text_root.rglob("*.txt")):
        relative = source.relative_to(text_root).with_suffix(".pdf")
        target = mirror_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        title = next((line for line in text.splitlines() if line.strip() in HEADINGS), source.stem)
        target.write_bytes(text_to_pdf(text, title=title))
        written.append(target)
        logger.info("wrote %s (%d bytes)", target.relative_to(mirror_root), target.stat().st_size)
    return written


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build()
