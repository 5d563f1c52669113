#!/bin/sh
# The schema and the loader accept the same documents (docs/study-format.md, "Rules only the
# loader checks"): every study file and every good test file passes studies/schema.xsd, and
# every bad test file fails it, except those marked "expect, loader only", which break a rule
# XSD 1.0 cannot state and so must pass it. Needs xmllint (Debian package libxml2-utils).
set -u
cd "$(dirname "$0")/../../.."
schema=studies/schema.xsd
if ! command -v xmllint >/dev/null 2>&1; then
  echo "schema_check: xmllint not found (install the Debian package libxml2-utils)" >&2
  exit 1
fi
valid() { xmllint --noout --nonet --schema "$schema" "$1" >/dev/null 2>&1; }
status=0
checked=0
for f in studies/*.xml tests/data/studies/good/*.xml; do
  checked=$((checked + 1))
  if ! valid "$f"; then
    echo "FAIL: $f does not pass $schema:" >&2
    xmllint --noout --nonet --schema "$schema" "$f" >&2
    status=1
  fi
done
for f in tests/data/studies/bad/*.xml; do
  checked=$((checked + 1))
  if grep -q 'expect, loader only:' "$f"; then
    valid "$f" || { echo "FAIL: $f is marked loader-only, but $schema rejects it" >&2; status=1; }
  elif valid "$f"; then
    echo "FAIL: $f passes $schema, but the loader rejects it" >&2
    status=1
  fi
done
echo "schema_check: $checked files checked against $schema"
exit $status
