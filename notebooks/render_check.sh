#!/usr/bin/env bash
# Opens a committee document the way its readers will: the DOCX through LibreOffice to PDF,
# and checks that it opens, has pages, and that its text holds the figures given as
# arguments. Installs Debian's LibreOffice Writer and poppler-utils when missing.
#   [MAX_PAGES=n] notebooks/render_check.sh DOCUMENT.docx "figure" ["figure"...]
set -euo pipefail
doc="$1"; shift
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
        libreoffice-writer-nogui poppler-utils >/dev/null
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
[ -f "$doc" ] || { echo "$doc: no such document" >&2; exit 1; }
name="$(basename "$doc" .docx)"
timeout 300 soffice --headless -env:UserInstallation="file://$out/profile" \
    --convert-to pdf --outdir "$out" "$doc" >/dev/null 2>&1 || true
[ -s "$out/$name.pdf" ] || { echo "$doc: LibreOffice could not open it" >&2; exit 1; }
pages="$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')"
[ "$pages" -ge 1 ] || { echo "$doc: no pages" >&2; exit 1; }
if [ -n "${MAX_PAGES:-}" ] && [ "$pages" -gt "$MAX_PAGES" ]; then
    echo "$doc: $pages pages, more than the $MAX_PAGES it should take" >&2; exit 1
fi
# Runs of spaces and line breaks as one space, so that a sentence wrapped over two lines or a
# table row is found as written.
text="$(pdftotext -layout "$out/$name.pdf" - | tr -s ' \n' ' ')"
# Every word of the PDF is a word of the document: a word broken across the lines of a narrow
# table column ("Knowle dge") reads as two words the document never wrote.
python3 - "$doc" "$out/$name.pdf" <<'PY'
import re, subprocess, sys, zipfile
doc, pdf = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(doc) as z:
    xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
text = re.sub(r"<[^>]+>", " ", xml)
written = set(re.findall(r"[A-Za-z]+", text))
# A word wrapped at its own hyphen ("signed-rank") comes out of the PDF joined up.
written |= {w.replace("-", "") for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", text)}
shown = re.findall(r"[A-Za-z]+", subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
broken = sorted({w for w in shown if w not in written})
if broken:
    sys.exit(f"{doc}: words the document does not hold (broken across lines?): {', '.join(broken[:20])}")
PY
# No page but the last holds only a heading or two: a page of under 15 words and no picture
# is one whose content moved to the next page (a chart too tall to share a page with its
# heading and caption); and the last page is not blank (a table filling the page before it).
for ((i = 1; i <= pages; i++)); do
    words="$(pdftotext -f "$i" -l "$i" "$out/$name.pdf" - | grep -v '^Page [0-9]* of [0-9]*$' | wc -w)"
    images="$(pdfimages -f "$i" -l "$i" -list "$out/$name.pdf" | tail -n +3 | wc -l)"
    least=15; [ "$i" -eq "$pages" ] && least=1
    if [ "$words" -lt "$least" ] && [ "$images" -eq 0 ]; then
        echo "$doc: page $i holds only $words words and no chart: its content moved on" >&2; exit 1
    fi
done
for figure in "$@"; do
    grep -qF -- "$figure" <<<"$text" || { echo "$doc: '$figure' not in the PDF text" >&2; exit 1; }
done
echo "$doc: opens in LibreOffice, $pages pages, no word broken, no page left empty, every figure found"
