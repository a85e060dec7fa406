#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# What a packager ships works: `meson install` into a staging folder gives the elements this
# build has (they load from the installed plugin folder, next to the installed libgstwebdesk),
# and a C program builds against the installed headers through gstreamer-webdesk-1.0.pc and runs.
# Usage: installed_tree_test.sh BUILD_ROOT ELEMENT...
set -eu
build_root=$1
shift
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build_root" --no-rebuild --quiet --destdir "$stage" >/dev/null

pc=$(find "$stage" -name gstreamer-webdesk-1.0.pc)
[ -n "$pc" ] || { echo "gstreamer-webdesk-1.0.pc was not installed"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
plugindir=$libdir/gstreamer-1.0

export LD_LIBRARY_PATH="$libdir"
export GST_PLUGIN_PATH_1_0="$plugindir"
export GST_PLUGIN_SYSTEM_PATH_1_0=  # a closed world: not a copy installed in /usr
export GST_REGISTRY_1_0="$stage/registry.bin"
for element in "$@"; do
  file=$(gst-inspect-1.0 "$element" 2>/dev/null | sed -n 's/^ *Filename *//p')
  case "$file" in
    "$plugindir"/*) ;;
    *) echo "$element does not load from $plugindir (${file:-not found})"; exit 1 ;;
  esac
done

# The program finds its plugins without a build path compiled in (reproducible builds; the
# build folder is gone on the machine it is installed on).
program=$(find "$stage" -path '*/bin/webdesk' -type f)
[ -n "$program" ] || { echo "the webdesk program was not installed"; exit 1; }
objcopy -O binary --only-section=.rodata "$program" "$stage/rodata"
if grep -q -F -e "$(cd "$build_root" && pwd -P)" -e "$(cd "$build_root" && pwd -L)" "$stage/rodata"; then
  echo "the installed webdesk program holds the build path $build_root"
  exit 1
fi
# ... and it looks for them where they were installed.
if ! grep -q -F "${plugindir#"$stage"}" "$stage/rodata"; then
  echo "the installed webdesk program does not look in ${plugindir#"$stage"} for its plugins"
  exit 1
fi

cp "$(dirname "$0")/meta-reader.c" "$stage/reader.c"
# The .pc file names the real prefix; point a copy of it at the staging folder (only this
# package: its Requires are found where the system has them).
prefix=$(sed -n 's/^prefix=//p' "$pc")
mkdir "$stage/pc"
sed "s|^prefix=.*|prefix=$stage$prefix|" "$pc" > "$stage/pc/gstreamer-webdesk-1.0.pc"
flags=$(PKG_CONFIG_PATH="$stage/pc" pkg-config --cflags --libs gstreamer-webdesk-1.0)
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror -o "$stage/reader" "$stage/reader.c" $flags
[ "$("$stage/reader")" = ok ]
echo "installed tree: $# elements load ($*), a C program builds with gstreamer-webdesk-1.0.pc"
