#!/bin/sh
# Exports every analysis of the shipped reviews with `metareview export --format r` and runs
# each script with Rscript: every one must exit 0 and print OK (its numbers equal results.json's
# to 1e-6 relative; docs/export.md). The same for two test reviews over the shipped studies that
# give every setting a review can: tests/data/export/settings-matrix.xml,
# tests/data/reviews/good/every-construct.xml and tests/data/reviews/good/pooling.xml (MH, Peto).
# And for the review imported from tests/data/rm5/Fleiss1993.rm5 (Mantel-Haenszel), as imported
# and switched to random effects (RevMan 5's MH Q and tau2), and from tests/data/rm5/ipd-and-iv.rm5
# (generic inverse-variance rows in MD and HR analyses). Exits 77 (CTest: skipped), saying why, when Rscript or
# metafor is missing.
# Usage: tests/tools/check_r_export.sh METAREVIEW_BINARY SOURCE_DIR   (CTest: r_export, label R)
set -u
bin=$1
src=$2
if ! command -v Rscript >/dev/null 2>&1; then
  echo "check_r_export.sh: skipped: Rscript is not installed"
  exit 77
fi
if ! Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' >/dev/null 2>&1; then
  echo "check_r_export.sh: skipped: the R package metafor is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib/reviews"
cp "$src"/studies/*.xml "$tmp/lib/"
cp "$src/tests/data/export/settings-matrix.xml" "$src/tests/data/reviews/good/every-construct.xml" \
   "$src/tests/data/reviews/good/pooling.xml" "$tmp/lib/reviews/"
fleiss() {
  "$bin" import "$src/tests/data/rm5/Fleiss1993.rm5" --out "$tmp/$1" 2>/dev/null &&
    sed -i "s/measure=\"OR\" model=\"common\"/measure=\"OR\" model=\"$2\"/" "$tmp/$1/reviews/fleiss1993.xml" &&
    "$bin" export --format r --studies "$tmp/$1" --out "$tmp/r/$1"
}
if ! "$bin" export --format r --studies "$src/studies" --out "$tmp/r/shipped" ||
   ! "$bin" export --format r --studies "$tmp/lib" --out "$tmp/r/settings" ||
   ! fleiss fleiss-common common || ! fleiss fleiss-random random ||
   ! "$bin" import "$src/tests/data/rm5/ipd-and-iv.rm5" --out "$tmp/ivlib" 2>/dev/null ||
   ! "$bin" export --format r --studies "$tmp/ivlib" --out "$tmp/r/ipd-and-iv"; then
  echo "check_r_export.sh: metareview export failed" >&2
  exit 1
fi
status=0
count=0
for script in $(cd "$tmp/r" && find . -name '*.R' | sort); do
  count=$((count + 1))
  # Run from elsewhere: a script finds its CSV beside itself, not in the working directory.
  if ! (cd / && Rscript "$tmp/r/$script") >"$tmp/log" 2>&1; then
    echo "${script#./}: Rscript failed:"
    tail -n 20 "$tmp/log"
    status=1
  elif [ "$(tail -n 1 "$tmp/log")" != "OK" ]; then
    echo "${script#./}: the last line is not OK:"
    tail -n 5 "$tmp/log"
    status=1
  fi
done
if [ "$count" -eq 0 ]; then
  echo "check_r_export.sh: no script exported" >&2
  exit 1
fi
[ "$status" -eq 0 ] && echo "check_r_export.sh: $count scripts reproduce metareview's numbers in metafor"
exit "$status"
