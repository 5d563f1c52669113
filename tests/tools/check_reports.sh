#!/bin/sh
# Regenerates reports/ into a temporary directory with `metareview run` and compares it with
# the committed reports/, file by file. Fails naming every file that differs, that is
# committed but no longer generated, or that is generated but not committed.
# Usage: tests/tools/check_reports.sh METAREVIEW_BINARY SOURCE_DIR   (CTest: reports_regenerate)
# To update the committed tree after an intended change: metareview run (from SOURCE_DIR).
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH  # a PDF CreationDate would differ from the committed files
if ! "$bin" run --studies "$src/studies" --templates "$src/templates" --out "$tmp/reports" --quiet; then
  echo "check_reports.sh: metareview run failed" >&2
  exit 1
fi
if [ ! -d "$src/reports" ]; then
  echo "check_reports.sh: $src/reports does not exist; run \`metareview run\` in $src" >&2
  exit 1
fi
(cd "$src/reports" && find . -type f | sort) > "$tmp/committed"
(cd "$tmp/reports" && find . -type f | sort) > "$tmp/generated"
status=0
count=0
for f in $(sort -u "$tmp/committed" "$tmp/generated"); do
  name="reports/${f#./}"
  count=$((count + 1))
  if [ ! -f "$tmp/reports/$f" ]; then
    echo "$name: committed but no longer generated"
    status=1
  elif [ ! -f "$src/reports/$f" ]; then
    echo "$name: generated but not committed"
    status=1
  elif ! cmp -s "$src/reports/$f" "$tmp/reports/$f"; then
    echo "$name: differs from what metareview run generates"
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  echo "reports/: $count files, identical to what metareview run generates"
else
  echo "reports/ is out of date: rerun \`metareview run\` from $src and commit the result" >&2
fi
exit "$status"
