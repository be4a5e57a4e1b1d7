#!/bin/bash
# The bundled report through pandoc, as an office would convert it. Made with pandoc 2.17.1.1 and
# LibreOffice 7.4.7.2 (Debian 12: apt-get install pandoc libreoffice-writer-nogui fonts-nanum).
# Run from the repository root: bash tests/data/converters/make.sh. CI does not run this: the
# tests read the committed files.
#   report.docx: the PDF fixture's LibreOffice document (scripts/make_office_fixtures.py
#     write_fodt) saved as Word by LibreOffice (soffice --convert-to docx)
#   convert.html: the report as tests/convert.py's to_html writes it (no column widths)
#   lo.html: LibreOffice's HTML of the same document (soffice --convert-to html)
set -eu
OUT=tests/data/converters
TMP=$(mktemp -d)
.venv/bin/python -c "
import sys; sys.path[:0] = ['scripts', 'tests']
from pathlib import Path
import make_office_fixtures as m
from convert import to_html
text = m.SOURCE.read_text(encoding='utf-8')
m.write_fodt(m.report_blocks(text), Path('$TMP/report.fodt'))
Path('$TMP/convert.html').write_text(to_html(text), encoding='utf-8')
"
for to in docx html; do
  soffice -env:UserInstallation=file://$TMP/profile --headless --convert-to $to --outdir $TMP $TMP/report.fodt >/dev/null 2>&1
done
mv $TMP/report.html $TMP/lo.html
# pandoc's default Markdown: multiline tables (with and without a header), a grid table (a cell of
# several paragraphs) and HTML tables (merged cells)
pandoc -f docx $TMP/report.docx -t markdown -o $OUT/pandoc_docx_default.md
# grid tables only (and HTML where cells are merged)
pandoc -f docx $TMP/report.docx -t markdown-pipe_tables-simple_tables-multiline_tables -o $OUT/pandoc_docx_grid.md
# simple tables only: none of the report's fits, so every table is HTML inside the Markdown
pandoc -f docx $TMP/report.docx -t markdown-pipe_tables-grid_tables-multiline_tables -o $OUT/pandoc_docx_html_tables.md
# plain text: the tables as in the default Markdown, without markup
pandoc -f docx $TMP/report.docx -t plain -o $OUT/pandoc_docx_plain.txt
# tables without widths: simple tables without a header (one row a line), a grid table whose cells are lists
pandoc -f html $TMP/convert.html -t markdown -o $OUT/pandoc_html_default.md
# LibreOffice's HTML: pandoc keeps its header and footer as fenced divs (::: {title="footer"})
pandoc -f html $TMP/lo.html -t markdown -o $OUT/pandoc_lohtml_default.md
# plain text of LibreOffice's HTML: the staffing table (merged cells) is written '[TABLE]'
pandoc -f html $TMP/lo.html -t plain -o $OUT/pandoc_lohtml_plain.txt

# pyhwp 0.1b15 (pip install pyhwp)'s text of the HWP fixture: every table written '<표>'
.venv/bin/hwp5txt tests/data/office/yeongdeungpo_vision-cooperation_2022.hwp > $OUT/hwp5txt.txt
rm -rf $TMP

# poppler-utils 22.12.0 (apt-get install poppler-utils)'s text of the PDF fixtures: -layout keeps a
# table row on a line, its cells apart by spaces (tests/test_layout_text.py); without -layout, and
# with -raw, every cell is a line of its own (refused, saying to extract with -layout)
for pdf in yeongdeungpo_vision-cooperation_2022 rotated_pages chromium_staffing_split; do
  pdftotext -layout tests/data/office/$pdf.pdf $OUT/pdftotext_layout_$pdf.txt
done
pdftotext tests/data/office/yeongdeungpo_vision-cooperation_2022.pdf $OUT/pdftotext_plain.txt
pdftotext -raw tests/data/office/yeongdeungpo_vision-cooperation_2022.pdf $OUT/pdftotext_raw.txt

# Other offices' reports (tests/data/offices/*.txt) as HTML (tests/convert.py to_html), printed to
# PDF by headless Chromium 156 (Debian's chromium) as scripts/make_office_fixtures.py prints its
# Chromium fixture, then pdftotext -layout: Chromium sets cells close, so many cells stand one
# space apart and a header cell in the middle of its height
TMP2=$(mktemp -d)
for name in bukgu_jobs-economy_2023 chungju_culture-tourism_2022 gyeonggi_eco-agriculture_2023 yecheon_agriculture_2022 yeongwol_welfare_2023; do
  .venv/bin/python -c "
import sys; sys.path[:0] = ['tests']
from pathlib import Path
from convert import to_html
Path('$TMP2/$name.html').write_text(to_html(Path('tests/data/offices/$name.txt').read_text(encoding='utf-8')), encoding='utf-8')
"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run --no-pdf-header-footer \
    --print-to-pdf=$TMP2/$name.pdf $TMP2/$name.html >/dev/null 2>&1
  pdftotext -layout $TMP2/$name.pdf $OUT/pdftotext_layout_chromium_$name.txt
done
rm -rf $TMP2
