#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds webdesk's Debian packages (debian/, dpkg-buildpackage) from this tree into
# OUT/debs/, then runs lintian on them and prints what it says. OUT is also the container's
# build context (deploy/Containerfile copies debs/ from it).
# Usage: tools/build-debs.sh OUT     (needs the build dependencies: dpkg-checkbuilddeps says which)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
version=$(cd "$top" && dpkg-parsechangelog -S Version)

# dpkg-buildpackage builds in the source folder and writes to its parent: a copy of this tree's
# files (tracked and new, not ignored; no build folder) in OUT/src.
rm -rf "$out/src" "$out/debs"
mkdir -p "$out/src/webdesk-$version" "$out/debs"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$top" && git ls-files -z --cached --others --exclude-standard |
    xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
    tar -c --null -T - -f -) | tar -x -C "$out/src/webdesk-$version"
else
  (cd "$top" && tar -c --exclude='./build*' --exclude=node_modules --exclude=.git -f - .) |
    tar -x -C "$out/src/webdesk-$version"
fi
cd "$out/src/webdesk-$version"
dpkg-checkbuilddeps
# The source package too, so that lintian checks it as well.
if ! dpkg-buildpackage -us -uc > "$out/src/build.log" 2>&1; then
  tail -n 40 "$out/src/build.log"
  echo "build-debs: dpkg-buildpackage failed; the whole log is $out/src/build.log" >&2
  exit 1
fi
cd "$out/src"
# lintian: every tag down to pedantic, the overridden ones (O:) with their reason (N:); an error
# or a warning not overridden fails. (Its exit status would count the overridden ones too.)
lintian -I --pedantic --show-overrides ./*.changes 2>&1 |
  grep -v 'running with root privileges' > "$out/lintian.txt" || true
cat "$out/lintian.txt"
if grep -q '^[EW]: ' "$out/lintian.txt"; then
  echo "build-debs: lintian found errors or warnings (above)" >&2
  exit 1
fi
find . -maxdepth 1 -name '*.deb' ! -name '*-dbgsym_*' -exec mv {} "$out/debs/" \;
echo "build-debs: $(ls "$out/debs" | wc -l) packages in $out/debs; lintian: no error or warning left"
