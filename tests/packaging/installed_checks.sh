#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Run inside a Debian where webdesk's packages (and libgstwebdesk-1.0-dev, gstreamer1.0-tools,
# man-db, gcc, pkgconf) were installed with apt, as an ordinary user (deb_chroot_test.sh): what
# a user or a developer of the installed packages does works.
# Usage: installed_checks.sh META_READER_C
set -eu
reader_c=$1
unset GST_PLUGIN_PATH GST_PLUGIN_PATH_1_0 GST_PLUGIN_SYSTEM_PATH GST_PLUGIN_SYSTEM_PATH_1_0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

# The elements load from the system's plugin folder, with no GST_PLUGIN_PATH.
plugindir=/usr/lib/$(gcc -print-multiarch)/gstreamer-1.0
for element in waylanddamagesrc paintoverscheduler h264qualityenc websocketframesink; do
  file=$(gst-inspect-1.0 "$element" 2>/dev/null | sed -n 's/^ *Filename *//p')
  # (/lib is /usr/lib in Debian 12: compare the folders themselves)
  if [ -z "$file" ] || [ "$(readlink -f "$(dirname "$file")")" != "$(readlink -f "$plugindir")" ]; then
    fail "gst-inspect-1.0 $element: not in $plugindir (${file:-not found})"
  fi
  echo "gst-inspect-1.0 $element: $file"
done

# An application builds against libgstwebdesk-1.0-dev with pkg-config, and runs.
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Werror -o "$work/reader" "$reader_c" \
  $(pkg-config --cflags --libs gstreamer-webdesk-1.0) || fail "building with pkg-config"
[ "$("$work/reader")" = ok ] || fail "the program built with gstreamer-webdesk-1.0 did not run"
echo "a C program built with pkg-config gstreamer-webdesk-1.0 runs"

webdesk --help > "$work/help" || fail "webdesk --help exited with $?"
grep -q -- '--listen=HOST:PORT' "$work/help" || fail "webdesk --help lists no --listen"
echo "webdesk --help runs"

MANPAGER=cat MANWIDTH=200 man webdesk > "$work/man" 2>&1 || fail "man webdesk: $(cat "$work/man")"
tr -s ' ' < "$work/man" | grep -q 'serve a Linux desktop, or one application' ||
  fail "man webdesk shows another page: $(head -n 5 "$work/man")"
echo "man webdesk shows the page"
