#!/bin/sh
# Screenshots a generated report.html with headless Chromium (Debian's `chromium`), to look
# at what a reader sees: the stylesheet, the tables and the inline forest and funnel plots.
# Not part of CI (too heavy). Usage:
#   tests/tools/screenshot_report.sh [REPORT_HTML] [OUT_PNG] [HEIGHT]
# Defaults: reports/anti-cd38-rrmm-pfs/report.html, /tmp/report.png, 2400 pixels tall.
set -eu
html=${1:-reports/anti-cd38-rrmm-pfs/report.html}
out=${2:-/tmp/report.png}
height=${3:-2400}
if ! command -v chromium >/dev/null 2>&1; then
  echo "screenshot_report.sh: chromium is not installed (apt-get install -y chromium)" >&2
  exit 1
fi
[ -f "$html" ] || { echo "screenshot_report.sh: no such file: $html" >&2; exit 1; }
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1280,"$height" \
  --screenshot="$out" "file://$abs" 2>/dev/null
echo "wrote $out"
