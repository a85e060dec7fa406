#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every source file says its licence in an SPDX line near its top, so a new file cannot forget
# it (a packager reads them), and what links libx264 (ext/h264quality/, or anything that
# includes x264.h or the x264 session) is GPL-2.0-or-later; debian/copyright's GPL-2+ stanza
# covers exactly the files whose line says GPL-2.0-or-later.
# Files that cannot carry a comment or are not code are named below and skipped: documentation
# (*.md, covered by the README's licence note), pictures, JSON, the licences themselves,
# debian/ (its licences are in debian/copyright), and the fuzzers' seed inputs.
# Usage: spdx_test.sh SOURCE_ROOT
set -eu
set -f  # file names and DEP-5 patterns are words, never globbed here
cd "$1"

# The files of this tree: git's list (tracked, and new ones not ignored) where there is one,
# otherwise every file outside the build folders.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files --cached --others --exclude-standard | sort -u)
else
  files=$(find . -path ./.git -prune -o -path './build*' -prune -o -name node_modules -prune \
    -o -type f -print | sed 's|^\./||' | sort)
fi

# The Files patterns of debian/copyright's GPL-2+ paragraph (DEP-5: '*' matches '/' too, as in
# a shell `case` pattern).
gpl_patterns=$(awk '
  /^Files:/ { files = substr($0, 7); infiles = 1; next }
  infiles && /^[ \t]/ { files = files " " $0; next }
  { infiles = 0 }
  /^License: *GPL-2\+/ { print files }
  /^$/ { files = "" }' debian/copyright 2>/dev/null || true)
in_gpl_stanza() {
  for pattern in $gpl_patterns; do
    # shellcheck disable=SC2254
    case "$1" in $pattern) return 0 ;; esac
  done
  return 1
}

missing=0
wrong=0
checked=0
for f in $files; do
  [ -f "$f" ] || continue  # deleted but not yet committed
  case "$f" in
    *.md | *.png | *.jpg | *.svg | *.json | COPYING* | .gitignore | .clang-format | debian/*) continue ;;
    tests/fuzz/corpus/*) continue ;;  # fuzzer inputs: bytes as a remote party sends them
  esac
  checked=$((checked + 1))
  spdx=$(head -n 5 "$f" | sed -n 's/.*SPDX-License-Identifier: *\([A-Za-z0-9.+-]*\).*/\1/p' | head -n 1)
  if [ -z "$spdx" ]; then
    echo "$f: no SPDX-License-Identifier line in its first 5 lines"
    missing=$((missing + 1))
    continue
  fi
  case "$f:$spdx" in
    # Wayland protocol definitions webdesk ships as their authors license them.
    ext/wayland/protocols/*:HPND-sell-variant) continue ;;
  esac
  case "$spdx" in
    LGPL-2.1-or-later | GPL-2.0-or-later) ;;
    *) echo "$f: SPDX-License-Identifier $spdx is neither LGPL-2.1-or-later nor GPL-2.0-or-later"
       wrong=$((wrong + 1)); continue ;;
  esac
  gpl=no
  case "$f" in ext/h264quality/*) gpl=yes ;; esac
  case "$f" in
    *.c | *.cpp | *.h)
      if grep -q -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](x264\.h|x264-session\.h)[>"]' "$f"; then
        gpl=yes
      fi ;;
  esac
  if [ $gpl = yes ] && [ "$spdx" != GPL-2.0-or-later ]; then
    echo "$f: links libx264 (ext/h264quality/ or includes x264), so it must be GPL-2.0-or-later, not $spdx"
    wrong=$((wrong + 1))
  fi
  if [ -f debian/copyright ]; then
    if [ "$spdx" = GPL-2.0-or-later ] && ! in_gpl_stanza "$f"; then
      echo "$f: GPL-2.0-or-later, but debian/copyright's GPL-2+ paragraph does not name it"
      wrong=$((wrong + 1))
    elif [ "$spdx" != GPL-2.0-or-later ] && in_gpl_stanza "$f"; then
      echo "$f: $spdx, but debian/copyright's GPL-2+ paragraph names it"
      wrong=$((wrong + 1))
    fi
  fi
done

if [ $missing -gt 0 ] || [ $wrong -gt 0 ]; then
  echo "$missing files without an SPDX line, $wrong with the wrong licence (of $checked)."
  echo "Start each file with '// SPDX-License-Identifier: LGPL-2.1-or-later' (or '#', '<!-- -->',"
  echo "'.\\\"' as the language comments), GPL-2.0-or-later where libx264 is linked."
  exit 1
fi
echo "spdx: $checked source files, each with its SPDX line"
