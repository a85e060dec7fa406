#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# docs/gst_plugins_cache.json (the plugin documentation GStreamer's hotdoc reads) says what the
# plugins of this build are: every element, pad template, property (blurb, range, default, when
# it may change) and enum. A property added, renamed or re-documented without regenerating the
# cache fails here, as GStreamer's own CI fails on a stale cache.
# Usage: plugins_doc_cache_test.sh GENERATOR COMMITTED_CACHE PLUGIN.so...
set -eu
generator=$1
committed=$2
shift 2
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
"$generator" "$fresh" "$@"
if ! cmp -s "$committed" "$fresh"; then
  diff -u "$committed" "$fresh" | head -n 80
  echo "docs/gst_plugins_cache.json differs from the plugins (above: - committed, + built)."
  echo "If the change is meant: ninja -C build update-plugins-doc-cache, and commit the file."
  exit 1
fi
echo "plugins doc cache: $# plugins, as committed"
