#!/usr/bin/env bash
# Installs what SweepGrid needs on a fresh machine, idempotently, saying what it does.
#   - the .NET 10 SDK must already be on PATH (it is not installed here);
#   - Fashion-MNIST from the Debian package dataset-fashion-mnist;
#   - a libstdc++ that provides GLIBCXX_3.4.32 (TorchSharp 0.107's native wrapper needs it);
#   - DejaVu fonts (fonts-dejavu-core) for the text of the results plots;
#   - Node.js and npm (nodejs, npm) when npm is missing: the client's build bundles the browser dashboard with them;
#   - redis-server, only when SWEEPGRID_PROVISION_REDIS=1 (the test suite asks for it);
#   - python3-torch, only when SWEEPGRID_PROVISION_TORCH=1 (the test suite loads `best --export`'s state_dict.pt in PyTorch);
#   - chromium and chromium-driver, only when SWEEPGRID_PROVISION_CHROMIUM=1 (the dashboard's tests drive a real headless browser).
set -euo pipefail

say() { printf '[provision] %s\n' "$*"; }
need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then echo sudo; else
      say "need root (or sudo) to install $1"; exit 1; fi
  fi
}

if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET 10 SDK is required: install it (https://dot.net) and put 'dotnet' on PATH"; exit 1
fi

APT_UPDATED=0
apt_update() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    say "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
}

have_glibcxx_3432() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    if [ -e "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib"; then return 0; fi
  done
  return 1
}

SUDO=""

have_apt() { command -v apt-get >/dev/null 2>&1; }

# Installs one Debian package, saying why (callers check have_apt first, so a failed install stops the script).
apt_install() { # PACKAGE WHY
  SUDO=$(need_root "$1")
  apt_update
  say "installing $1 ($2)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$1" >/dev/null
}
is_debian12=0
if [ -r /etc/os-release ]; then
  . /etc/os-release
  if [ "${ID:-}" = "debian" ] && [ "${VERSION_ID:-}" = "12" ]; then is_debian12=1; fi
fi

# Fashion-MNIST
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte ]; then
  say "Fashion-MNIST present in /usr/share/datasets/fashion-mnist"
elif have_apt; then
  apt_install dataset-fashion-mnist "Debian package"
else
  say "Fashion-MNIST not found: install the Debian package dataset-fashion-mnist, or pass --dataset PATH"
fi

# libstdc++ with GLIBCXX_3.4.32
if have_glibcxx_3432; then
  say "libstdc++ provides GLIBCXX_3.4.32"
elif [ "$is_debian12" -eq 1 ]; then
  SUDO=$(need_root libstdc++6)
  say "Debian 12's libstdc++ lacks GLIBCXX_3.4.32: installing libstdc++6 from Debian 13 (trixie)"
  say "(this also upgrades libc6 to Debian 13's; nothing else is taken from trixie)"
  if [ ! -f /etc/apt/sources.list.d/sweepgrid-trixie.sources ]; then
    $SUDO tee /etc/apt/sources.list.d/sweepgrid-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    # Keep trixie below bookworm so only what we name explicitly comes from it.
    $SUDO tee /etc/apt/preferences.d/sweepgrid-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
    APT_UPDATED=0
  fi
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  if have_glibcxx_3432; then say "libstdc++ now provides GLIBCXX_3.4.32"; else
    say "installing Debian 13's libstdc++6 did not provide GLIBCXX_3.4.32"; exit 1; fi
else
  say "TorchSharp 0.107 needs a libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer)."
  say "This system's libstdc++ is older. Ubuntu 24.04+ and Debian 13+ have it; on other systems"
  say "install a GCC 13+ libstdc++ (or point LD_LIBRARY_PATH at one) and run this again."
  exit 1
fi

# A font for the plots' text: SkiaSharp's Linux build (via ScottPlot) reads /usr/share/fonts, and draws no text without one.
if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  say "DejaVu fonts present in /usr/share/fonts"
elif have_apt; then
  apt_install fonts-dejavu-core "Debian package; the results plots draw their text with DejaVu Sans"
else
  say "DejaVu fonts not found: install fonts-dejavu-core (or any TrueType font under /usr/share/fonts), or the plots have no text"
fi

# Node.js and npm: building the client runs npm ci and esbuild for the browser dashboard (src/Client/Dashboard/web).
if command -v npm >/dev/null 2>&1; then
  say "npm present ($(npm --version 2>/dev/null))"
elif have_apt; then
  apt_install nodejs "Debian package; the client's build bundles the browser dashboard with esbuild"
  apt_install npm "Debian package; the client's build installs the dashboard's packages with npm ci"
else
  say "npm not found: install Node.js and npm, the client's build bundles the browser dashboard with them"; exit 1
fi

# redis-server, for the test suite
if [ "${SWEEPGRID_PROVISION_REDIS:-0}" = "1" ]; then
  if command -v redis-server >/dev/null 2>&1; then
    say "redis-server present"
  elif have_apt; then
    apt_install redis-server "Debian package; tests start their own on random ports"
    # The package starts a system-wide instance; the tests never use it.
    (command -v systemctl >/dev/null 2>&1 && $SUDO systemctl disable --now redis-server >/dev/null 2>&1) || true
    (command -v service >/dev/null 2>&1 && $SUDO service redis-server stop >/dev/null 2>&1) || true
  else
    say "redis-server not found: install it to run the Redis tests"; exit 1
  fi
fi

# python3-torch, for the test suite: Debian's /usr/bin/python3 runs the exported model.py
if [ "${SWEEPGRID_PROVISION_TORCH:-0}" = "1" ]; then
  if /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
    say "python3-torch present"
  elif have_apt; then
    # Without its recommends (plotting and Qt libraries): what import torch needs is a fraction of the download.
    SUDO=$(need_root python3-torch)
    apt_update
    say "installing python3-torch (Debian package, without recommends; a test runs the exported model.py and state_dict.pt in PyTorch)"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-torch >/dev/null
  else
    say "PyTorch not found for /usr/bin/python3: install python3-torch to run the export tests"; exit 1
  fi
fi

# chromium and chromium-driver, for the test suite: the dashboard's tests open its pages in a real headless browser
if [ "${SWEEPGRID_PROVISION_CHROMIUM:-0}" = "1" ]; then
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    say "chromium and chromedriver present"
  elif have_apt; then
    apt_install chromium "Debian package; the dashboard's tests run it headless"
    apt_install chromium-driver "Debian package; the dashboard's tests drive chromium through it"
  else
    say "chromium or chromedriver not found: install Debian's chromium and chromium-driver to run the dashboard's browser tests"; exit 1
  fi
fi
