#!/usr/bin/env bash
# Opens a committee document the way its readers will: the DOCX through LibreOffice to PDF,
# and checks that it opens, has pages, and that its text holds the figures given as
# arguments. Installs Debian's LibreOffice Writer and poppler-utils when missing.
#   notebooks/render_check.sh DOCUMENT.docx "figure" ["figure"...]
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
# Runs of spaces and line breaks as one space, so that a sentence wrapped over two lines or a
# table row is found as written.
text="$(pdftotext -layout "$out/$name.pdf" - | tr -s ' \n' ' ')"
for figure in "$@"; do
    grep -qF -- "$figure" <<<"$text" || { echo "$doc: '$figure' not in the PDF text" >&2; exit 1; }
done
echo "$doc: opens in LibreOffice, $pages pages, every figure found"
