#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The man page (docs/webdesk.1, written by hand) documents exactly the options the program has:
# each option `webdesk --help` lists (as "-l, --listen=ADDRESS:PORT") has an entry under
# OPTIONS, and the page has no entry for an option the program lacks; and it renders without
# a groff warning (as lintian and man check it).
# Usage: man_page_test.sh WEBDESK_PROGRAM MAN_PAGE
set -eu
program=$1
page=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --help: the first column of the "Help Options" and "Application Options" sections.
"$program" --help > "$work/help"
sed -n '/^Help Options:/,$p' "$work/help" | grep -E '^  +-' |
  sed -E 's/^ +//; s/ {2,}.*$//' | sort > "$work/from-help"
[ "$(wc -l < "$work/from-help")" -ge 10 ] || { echo "could not read the options of $program --help:"; cat "$work/help"; exit 1; }

# The page's OPTIONS entries, as man shows them (plain text, one entry a line at its indent).
groff -man -Tascii -ww -z "$page" 2> "$work/warnings"
if [ -s "$work/warnings" ]; then
  echo "groff warns about $page:"; cat "$work/warnings"; exit 1
fi
groff -man -Tascii -P-cbou -rLL=200n "$page" | sed -n '/^OPTIONS/,/^[A-Z]/p' |
  grep -E '^ {7}-' | sed -E 's/^ +//; s/ +$//' | sort > "$work/from-page"

if ! cmp -s "$work/from-help" "$work/from-page"; then
  echo "the man page's options differ from webdesk --help (< only in --help: add it to $page;"
  echo "> only in the page: remove it, or write it as --help does):"
  diff "$work/from-help" "$work/from-page" || true
  exit 1
fi
echo "man page: $(wc -l < "$work/from-help") options, as in webdesk --help"
