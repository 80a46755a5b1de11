#!/usr/bin/env bash
# Opens the committee documents of a report the way their readers will: each DOCX through
# LibreOffice to PDF, and checks that it opens, has pages, and that its text holds the figures
# given as arguments. Installs Debian's LibreOffice Writer and poppler-utils when missing.
#   notebooks/render_check.sh REPORT_DIR "figure" ["figure"...]
set -euo pipefail
report="$1"; shift
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
        libreoffice-writer-nogui poppler-utils >/dev/null
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
shopt -s nullglob
docs=("$report"/*.docx)
[ ${#docs[@]} -gt 0 ] || { echo "no DOCX in $report" >&2; exit 1; }
for doc in "${docs[@]}"; do
    name="$(basename "$doc" .docx)"
    timeout 300 soffice --headless -env:UserInstallation="file://$out/profile" \
        --convert-to pdf --outdir "$out" "$doc" >/dev/null 2>&1
    [ -s "$out/$name.pdf" ] || { echo "$doc: LibreOffice could not open it" >&2; exit 1; }
    pages="$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')"
    [ "$pages" -ge 1 ] || { echo "$doc: no pages" >&2; exit 1; }
    # One line per paragraph, so that a figure broken over two lines is still found.
    text="$(pdftotext -layout "$out/$name.pdf" - | tr -s ' \n' ' ')"
    for figure in "$@"; do
        grep -qF -- "$figure" <<<"$text" || { echo "$doc: '$figure' not in the PDF text" >&2; exit 1; }
    done
    echo "$doc: opens in LibreOffice, $pages pages, figures found"
done
