#!/bin/sh
# A schema and the reader it mirrors accept the same documents: every file in the GOOD
# directories passes SCHEMA, and every file in the BAD directories fails it, except those
# marked "expect, READER only:", which break a rule XSD 1.0 cannot state and so must pass it.
# Needs xmllint (Debian package libxml2-utils).
# Usage: tests/tools/schema_check.sh SCHEMA READER GOOD_DIR... -- BAD_DIR...
#   (paths relative to the source tree; each directory's *.xml files are checked)
# CTest: study_schema (studies/schema.xsd, the loader: docs/study-format.md, "Rules only the
# loader checks") and review_schema (studies/reviews/review.xsd, the reader:
# docs/review-format.md, "Rules only the reader checks").
set -u
usage="usage: schema_check.sh SCHEMA READER GOOD_DIR... -- BAD_DIR..."
if [ $# -lt 5 ]; then
  echo "$usage" >&2
  exit 2
fi
schema=$1
reader=$2
shift 2
case " $* " in
  *" -- "*) ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
if ! command -v xmllint >/dev/null 2>&1; then
  echo "schema_check: xmllint not found (install the Debian package libxml2-utils)" >&2
  exit 1
fi
valid() { xmllint --noout --nonet --schema "$schema" "$1" >/dev/null 2>&1; }
status=0
checked=0
bad=false
for dir in "$@"; do
  if [ "$dir" = -- ]; then
    bad=true
    continue
  fi
  for f in "$dir"/*.xml; do
    checked=$((checked + 1))
    if ! $bad; then
      if ! valid "$f"; then
        echo "FAIL: $f does not pass $schema:" >&2
        xmllint --noout --nonet --schema "$schema" "$f" >&2
        status=1
      fi
    elif grep -q "expect, $reader only:" "$f"; then
      valid "$f" || { echo "FAIL: $f is marked $reader-only, but $schema rejects it" >&2; status=1; }
    elif valid "$f"; then
      echo "FAIL: $f passes $schema, but the $reader rejects it" >&2
      status=1
    fi
  done
done
echo "schema_check: $checked files checked against $schema"
exit $status
