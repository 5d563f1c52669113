#!/bin/sh
# The module order of src/ (docs/building.md, STYLE.md section 4): a file in src/<module>/ may
# include "<dir>/..." only for its own module or one earlier in this list. Prints every
# include that breaks it as FILE:LINE: message and exits 1; exits 0 when there is none.
# Usage: check_includes.sh SRC_DIR
set -eu
order="core io stats effect model methods check review present render report import export cli"
# Known violations, each "FILE INCLUDE" with the reason; delete a line when its include goes.
# (none today)
allowed=""
src=${1:?usage: check_includes.sh SRC_DIR}
cd "$src"
# Every source and header, as MODULE/...; a directory not in the order is itself an error.
find . -type f \( -name '*.h' -o -name '*.cpp' -o -name '*.h.in' \) | sed 's|^\./||' | sort |
  while IFS= read -r file; do
    awk -v order="$order" -v allowed="$allowed" -v file="$file" -v src="$src" '
      BEGIN {
        m = split(allowed, pairs, "\n")
        for (i = 1; i <= m; i++) allow[pairs[i]] = 1
        n = split(order, names, " ")
        for (i = 1; i <= n; i++) rank[names[i]] = i
        split(file, parts, "/")
        module = parts[1]
        if (!(module in rank)) {
          printf "%s/%s:1: error: module %s is not in the module order (%s)\n", src, file, module, order
          bad = 1
          exit
        }
      }
      /^[ \t]*#[ \t]*include[ \t]*"/ {
        inc = $0
        sub(/^[^"]*"/, "", inc)
        sub(/".*$/, "", inc)
        if (index(inc, "/") == 0) next           # a sibling header or a generated one
        dir = substr(inc, 1, index(inc, "/") - 1)
        if (dir == "..") next
        if (!(dir in rank)) {
          printf "%s/%s:%d: error: #include \"%s\": %s is not a module (%s)\n", src, file, FNR, inc, dir, order
          bad = 1
        } else if (rank[dir] > rank[module] && !((file " " inc) in allow)) {
          printf "%s/%s:%d: error: #include \"%s\": %s may not include %s, which comes after it (%s)\n",
                 src, file, FNR, inc, module, dir, order
          bad = 1
        }
      }
      END { exit bad }
    ' "$file" || echo fail
  done | awk '/^fail$/ { failed = 1; next } { print; failed = 1 } END { exit failed }' >&2
