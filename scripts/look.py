"""Render what users see, to look at before a change lands: the briefing on screen and printed,
and the workbooks as Excel would print them.

After ``make run`` (or with ``--reports``/``--processed`` pointing at another run's folders),
writes into ``reports/look/`` (or ``--out``):

- ``briefing_screen.png``: the briefing in headless Chromium, 1366 px wide (an office laptop),
  the first 3,000 px;
- ``briefing.pdf`` and ``briefing-NN.png``: the briefing printed to A4 by Chromium, each page at
  60 dpi, and ``briefing_pages.png``, every page on one contact sheet;
- ``briefing_tables.pdf``, ``report_tables.pdf`` and their first pages as PNG: the workbooks
  printed by LibreOffice (page setup, printed headers, number formats, Hangul).

It also prints the briefing's tables that are wider than an A4 page's text (186 mm, 703 CSS
px): printed, such a table is cut at the right edge behind a scrollbar.

Needs Debian's ``chromium`` and ``libreoffice-calc-nogui`` (or any ``soffice``), ``pdftoppm``
(``poppler-utils``) and a Hangul font for the browser (``fonts-noto-cjk``); what is missing is
named and skipped. Nothing here is a test: the tests read files, not screens. Run from the
repository root: ``.venv/bin/python scripts/look.py``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [  # what this workplace's closed network needs (no background fetches)
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def _tool(*names: str) -> str | None:
    return next((shutil.which(n) for n in names if shutil.which(n)), None)


def _run(cmd: list[str], timeout: int = 180) -> bool:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        print(f"  timed out after {timeout} s: {' '.join(cmd[:2])} …", file=sys.stderr)
        return False
    if done.returncode != 0:
        print(f"  failed ({done.returncode}): {' '.join(cmd[:2])} …\n  {done.stderr.strip()[-400:]}", file=sys.stderr)
    return done.returncode == 0


def _contact_sheet(pages: list[Path], out: Path, columns: int = 8) -> None:
    from PIL import Image

    images = [Image.open(p) for p in pages]
    width, height = max(i.size[0] for i in images), max(i.size[1] for i in images)
    rows = (len(images) + columns - 1) // columns
    sheet = Image.new("RGB", (width * min(columns, len(images)), height * rows), "white")
    for k, image in enumerate(images):
        sheet.paste(image, ((k % columns) * width, (k // columns) * height))
    sheet.save(out)


def briefing(html: Path, out: Path) -> None:
    chromium = _tool("chromium", "chromium-browser", "google-chrome")
    if chromium is None:
        print("chromium: not found (apt-get install chromium fonts-noto-cjk); briefing not rendered")
        return
    with tempfile.TemporaryDirectory() as profile:
        url = html.resolve().as_uri()
        if _run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}/a", "--window-size=1366,3000", f"--screenshot={out / 'briefing_screen.png'}", url]):
            print(f"wrote {out / 'briefing_screen.png'}")
        pdf = out / "briefing.pdf"
        if _run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}/b", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url]):
            print(f"wrote {pdf}")
            pages = _pages(pdf, out / "briefing", dpi=60)
            if pages:
                _contact_sheet(pages, out / "briefing_pages.png")
                print(f"wrote {len(pages)} page images and {out / 'briefing_pages.png'}")


A4_TEXT_PX = 703
"""The width of an A4 page's text in CSS pixels: 210 mm less the 12 mm margins of ``@page``."""

_MEASURE = """<script>window.addEventListener("load", () => {
  const wide = [];
  document.querySelectorAll("table").forEach((t) => {
    const box = t.parentElement, w = Math.round(t.getBoundingClientRect().width);
    if (w > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1) {
      let h = t.closest(".jp-Cell"), title = "";
      while (h && !title) { h = h.previousElementSibling; const m = h && h.querySelector("h1, h2, h3, h4"); title = m ? m.textContent.replace("¶", "").trim() : ""; }
      wide.push(`${title || "?"} (${w} px in ${box.clientWidth})`);
    }
  });
  document.body.setAttribute("data-wide-tables", JSON.stringify(wide));
});</script>"""


def wide_tables(html: Path) -> list[str] | None:
    """The briefing's tables wider than the A4 text, each named by the heading above it and its
    width: measured in a 703 px window (a little narrower than the printed page's, so a table
    that fits here fits on paper). None when Chromium is missing."""
    import json
    import re

    chromium = _tool("chromium", "chromium-browser", "google-chrome")
    if chromium is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "measure.html"
        page.write_text(html.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
        try:
            done = subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/p", f"--window-size={A4_TEXT_PX},1000", "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
                capture_output=True, text=True, timeout=180, check=False,
            )
        except subprocess.TimeoutExpired:
            return None
    found = re.search(r'data-wide-tables="([^"]*)"', done.stdout)
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")) if found else None


def _pages(pdf: Path, prefix: Path, dpi: int, last: int | None = None) -> list[Path]:
    pdftoppm = _tool("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm: not found (apt-get install poppler-utils); PDF pages not rendered")
        return []
    for old in prefix.parent.glob(prefix.name + "-*.png"):
        old.unlink()
    _run([pdftoppm, "-r", str(dpi), "-png", *(["-l", str(last)] if last else []), str(pdf), str(prefix)])
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def workbooks(books: list[Path], out: Path) -> None:
    soffice = _tool("soffice", "libreoffice")
    if soffice is None:
        print("soffice: not found (apt-get install libreoffice-calc-nogui); workbooks not rendered")
        return
    for book in books:
        if not book.exists():
            print(f"{book}: not found; run `make run` first")
            continue
        with tempfile.TemporaryDirectory() as profile:
            ok = _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(book)])
        pdf = out / (book.stem + ".pdf")
        if ok and pdf.exists():
            pages = _pages(pdf, out / book.stem, dpi=80, last=2)
            print(f"wrote {pdf} and its first {len(pages)} pages as PNG")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reports", type=Path, default=ROOT / "reports", help="the run's reports/ folder")
    p.add_argument("--processed", type=Path, default=ROOT / "data" / "processed", help="the run's tables folder")
    p.add_argument("--out", type=Path, default=None, help="where the images go (default: <reports>/look)")
    args = p.parse_args(argv)
    html = args.reports / "briefing.html"
    if not html.exists():
        print(f"{html}: not found; run `make run` first", file=sys.stderr)
        return 1
    out = args.out or args.reports / "look"
    out.mkdir(parents=True, exist_ok=True)
    briefing(html, out)
    wide = wide_tables(html)
    if wide is not None:
        print("tables wider than an A4 page: " + ("none" if not wide else f"{len(wide)}: " + "; ".join(wide)))
    workbooks([args.reports / "briefing_tables.xlsx", args.processed / "report_tables.xlsx"], out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
