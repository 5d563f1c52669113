#!/bin/sh
# The review schema and the reader accept the same documents (docs/review-format.md, "Rules
# only the reader checks"): every shipped review and every good test file passes
# studies/reviews/review.xsd, and every bad test file fails it, except those marked
# "expect, reader only", which break a rule XSD 1.0 cannot state (ids that must exist in the
# study library, duplicates, settings that must go together) and so must pass it.
# Needs xmllint (Debian package libxml2-utils).
set -u
cd "$(dirname "$0")/../../.."
schema=studies/reviews/review.xsd
if ! command -v xmllint >/dev/null 2>&1; then
  echo "review_schema_check: xmllint not found (install the Debian package libxml2-utils)" >&2
  exit 1
fi
valid() { xmllint --noout --nonet --schema "$schema" "$1" >/dev/null 2>&1; }
status=0
checked=0
for f in studies/reviews/*.xml tests/data/reviews/good/*.xml; do
  checked=$((checked + 1))
  if ! valid "$f"; then
    echo "FAIL: $f does not pass $schema:" >&2
    xmllint --noout --nonet --schema "$schema" "$f" >&2
    status=1
  fi
done
for f in tests/data/reviews/bad/*.xml; do
  checked=$((checked + 1))
  if grep -q 'expect, reader only:' "$f"; then
    valid "$f" || { echo "FAIL: $f is marked reader-only, but $schema rejects it" >&2; status=1; }
  elif valid "$f"; then
    echo "FAIL: $f passes $schema, but the reader rejects it" >&2
    status=1
  fi
done
echo "review_schema_check: $checked files checked against $schema"
exit $status
