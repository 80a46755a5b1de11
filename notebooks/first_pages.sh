#!/usr/bin/env bash
# Page 1 of each committee document of a report folder, as LibreOffice prints it, for the
# README's tour: notebooks/pages/<document>.png at 40 dots per inch.
#   notebooks/first_pages.sh [REPORT_FOLDER]     (default: reports/input)
# Needs LibreOffice Writer and poppler-utils (notebooks/render_check.sh installs them).
set -euo pipefail
report="${1:-reports/input}"
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$here/pages"
for doc in report board evaluation attendance self_assessment technical_annex; do
    [ -f "$report/$doc.docx" ] || continue
    timeout 300 soffice --headless -env:UserInstallation="file://$out/profile" \
        --convert-to pdf --outdir "$out" "$report/$doc.docx" >/dev/null 2>&1
    pdftoppm -r 40 -f 1 -l 1 -png -singlefile "$out/$doc.pdf" "$here/pages/$doc"
done
ls -l "$here/pages"
