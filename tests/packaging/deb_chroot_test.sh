#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The Debian packages build, install and work where a user has them, and the container
# deploys them:
#  1. tools/containerfile-chroot.py builds deploy/Containerfile in fresh debootstrapped Debian 12
#     folders (the mirror this machine's apt uses): its first stage installs debian/control's
#     build dependencies and builds the packages (dpkg-buildpackage), its second installs them
#     with apt, so their dependencies resolve from Debian, and makes the unprivileged user;
#  2. lintian finds no error or warning in them that is not overridden with its reason;
#  3. it starts the image's ENTRYPOINT as that user with `-- foot`, in a network of its own,
#     waits for the HEALTHCHECK, and a probe viewer gets the page and frames from it;
#  4. in the same Debian: gst-inspect-1.0 finds the four elements in the system plugin folder
#     (no GST_PLUGIN_PATH), a C program builds against libgstwebdesk-1.0-dev with pkg-config
#     and runs, `webdesk --help` runs, and `man webdesk` shows the page.
# Usage (root; needs Debian's mirror): deb_chroot_test.sh SOURCE_ROOT WORK_DIR FRAME_PROBE
set -eu
src=$(cd "$1" && pwd)
work=$2
probe=$3
if [ "$(id -u)" -ne 0 ]; then
  echo "deb-chroot: needs root (debootstrap, chroot, namespaces)"; exit 1
fi
# Everything from an earlier run goes (nothing is mounted there: the runner mounts only in
# namespaces of its own, which end with it; checked all the same before removing).
work_abs=$(mkdir -p "$work" && cd "$work" && pwd -P)
if findmnt -rn -o TARGET | grep -q "^$work_abs/"; then
  echo "deb-chroot: something is mounted under $work_abs; not removing it"; exit 1
fi
rm -rf "$work"
mkdir -p "$work"
runner="$src/tools/containerfile-chroot.py"
root=$work/root
step() { echo "== $(date +%T) $*"; }

step "1. deploy/Containerfile in fresh Debian 12 folders: the packages built, then installed"
"$runner" build --containerfile "$src/deploy/Containerfile" --context "$src" \
  --root "$root" > "$work/image-build.log" 2>&1 || { tail -n 40 "$work/image-build.log"; exit 1; }
grep -E '^(FROM|COPY|RUN|built)|^dpkg-deb: building' "$work/image-build.log"
packages=$root.build/out
# The program runs as the unprivileged user, in its own runtime folder.
"$runner" exec --root "$root" -- sh -c \
  'test "$(stat -c %U:%a /run/webdesk)" = webdesk:700 && [ "$(id -u webdesk)" != 0 ] &&
   echo "the user webdesk is not root, and /run/webdesk is its own (700)"'

step "2. lintian (every tag down to pedantic; the overridden ones with their reason)"
# An error or a warning not overridden fails (lintian's exit status would count the overridden
# ones too).
lintian -I --pedantic --show-overrides "$packages"/*.changes 2>&1 |
  grep -v 'running with root privileges' > "$work/lintian.txt" || true
cat "$work/lintian.txt"
if grep -q '^[EW]: ' "$work/lintian.txt"; then
  echo "lintian found errors or warnings (above)"; exit 1
fi

step "3. started as the container would be, one application; a probe viewer connects"
"$runner" run --root "$root" --env WEBDESK_PASSWORD=probe-password \
  --probe "env WEBDESK_PASSWORD=probe-password $probe {port} 90" -- -- foot

step "4. installed as a user or a developer would have it"
cp "$packages"/libgstwebdesk-1.0-dev_*.deb "$root/tmp/"
cp "$src/tests/tools/meta-reader.c" "$src/tests/packaging/installed_checks.sh" "$root/tmp/"
"$runner" exec --root "$root" -- sh -c \
  'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
     --no-install-recommends gstreamer1.0-tools man-db gcc libc6-dev pkgconf \
     /tmp/libgstwebdesk-1.0-dev_*.deb > /tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log; exit 1; }'
"$runner" exec --root "$root" --user webdesk -- sh /tmp/installed_checks.sh /tmp/meta-reader.c
echo "deb-chroot: the packages build, install, deploy and run in a fresh Debian 12"
# The Debian folders (about 3 GB) go; the logs and the packages stay for a look.
mv "$packages" "$work/packages"
rm -rf "$root" "$root.build"
