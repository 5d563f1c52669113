#!/bin/sh
# The study and review files `metareview import` writes pass studies/schema.xsd and
# studies/reviews/review.xsd (the loaders' side is tests/unit/import/rm5_test.cpp): every
# .rm5 file of tests/data/rm5/ is imported into a temporary library and checked with xmllint.
# Usage: import_schema.sh METAREVIEW_BINARY SOURCE_DIR
set -eu
bin=${1:?usage: import_schema.sh METAREVIEW_BINARY SOURCE_DIR}
src=${2:?usage: import_schema.sh METAREVIEW_BINARY SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for rm5 in "$src"/tests/data/rm5/*.rm5; do
  lib="$tmp/$(basename "$rm5" .rm5)"
  "$bin" import "$rm5" --out "$lib" 2>/dev/null || { echo "$rm5: import failed"; status=1; continue; }
  xmllint --noout --nonet --schema "$src/studies/schema.xsd" "$lib"/*.xml 2>&1 | grep -v ' validates$' && status=1
  xmllint --noout --nonet --schema "$src/studies/reviews/review.xsd" "$lib"/reviews/*.xml 2>&1 |
    grep -v ' validates$' && status=1
done
exit $status
