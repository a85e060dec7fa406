#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs every build, run and test dependency of webdesk on Debian 12 (bookworm).
# Idempotent: when everything is already there it prints nothing and changes nothing.
# Usage: tools/install-deps.sh [--with-browser-tests]   (run as root, or with sudo available)
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config g++ libglib2.0-dev libglib2.0-dev-bin
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
  libx264-dev libyuv-dev libsoup-3.0-dev libjson-glib-dev
  libwayland-dev wayland-protocols libxkbcommon-dev libpixman-1-dev
  libwlroots-dev libdrm-dev libxcb1-dev libxcb-icccm4-dev libcairo2-dev libpango1.0-dev
  # run
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-x weston foot fonts-dejavu-core xkb-data
  xwayland  # X11 applications inside waylanddamagesrc
  waybar swaybg fuzzel  # webdesk's own desktop: its panel, wallpaper and launcher
  # run: the session's sound server (webdesk starts its own), pulsesrc/pulsesink; pactl, paplay
  # and parec for the tests and for applications
  pulseaudio pulseaudio-utils gstreamer1.0-pulseaudio
  # tests and benchmarks: decoders, reference encoders, real Wayland clients, a browser
  libgtest-dev libgmock-dev gstreamer1.0-libav gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad
  chromium nodejs
  # real applications the compositor is tested with (tests/browser/apps.test.mjs and the
  # wayland element tests): GTK 3 and 4, a Qt 5 program on Wayland, browsers, an office suite,
  # a video player, X11 programs; firefox-esr also runs the web client where H.264 4:4:4 and
  # High 10 do not decode (tests/browser/firefox.test.mjs)
  gtk-3-examples gtk-4-examples qterminal qtwayland5 firefox-esr libreoffice-writer
  libreoffice-gtk3 mpv xterm xfonts-base x11-utils wayland-utils
  # nested desktops as the application (tests/wayland/element_nested_test.cpp): sway and KWin,
  # with wl-clipboard copying and pasting inside them
  sway kwin-wayland wl-clipboard
  clang libclang-rt-14-dev  # libFuzzer targets (tests/fuzz), built with clang beside the gcc build
  unzip  # tests/browser/apps.test.mjs reads the document LibreOffice saved
  glib-networking openssl  # websocketframesink: TLS (https/wss) backend; test certificates
  # benchmarks: the JPEG-per-region reference and the plots
  libturbojpeg0-dev gnuplot-nox
  xvfb  # benchmarks: X server for the ximagesrc full-frame capture reference (bench/wayland)
  # packaging: the Debian packages and lintian, a fresh Debian 12 for the container test (its
  # own network: iproute2), the man page's check
  debhelper dpkg-dev lintian debootstrap iproute2 groff-base
  python3-yaml  # the deployment examples' check
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "webdesk: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm is not always packaged with the nodejs that is installed; Debian's own npm package is.
if ! command -v npm >/dev/null 2>&1; then
  echo "webdesk: installing npm" >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

# JavaScript test tools (playwright-core drives Debian's chromium; typescript checks the JSDoc types).
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$top/tests/browser/package.json" ]; then
  if [ ! -d "$top/tests/browser/node_modules" ] || [ "$top/tests/browser/package-lock.json" -nt "$top/tests/browser/node_modules" ]; then
    echo "webdesk: installing the browser test tools (npm ci)" >&2
    (cd "$top/tests/browser" && npm ci --silent --no-audit --no-fund >/dev/null && touch node_modules)
  fi
fi
