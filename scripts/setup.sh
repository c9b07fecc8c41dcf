#!/usr/bin/env bash
# Installs what Forum Scheduler needs on a Debian machine, only what is missing.
#   scripts/setup.sh build   libical-dev, pkg-config, tzdata (to build and run `forum`)
#   scripts/setup.sh test    the above, plus the real clients the tests use:
#                            khal, calcurse, Chromium, ConfClerk, Xvfb, xdotool (drives
#                            ConfClerk's import), Python's icalendar
set -euo pipefail
mode=${1:-build}

apt_packages=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || apt_packages+=("$2"); }
need_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || apt_packages+=("$1"); }

pkg-config --exists libical 2>/dev/null || apt_packages+=(libical-dev pkg-config)
need_deb tzdata
if [ "$mode" = test ]; then
  need_cmd khal khal
  need_cmd calcurse calcurse
  need_cmd chromium chromium
  need_cmd confclerk confclerk
  need_cmd xvfb-run xvfb
  need_cmd xdotool xdotool
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing ${apt_packages[*]} (apt)" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run (a parallel job, unattended upgrades) instead of failing.
  lock="-o DPkg::Lock::Timeout=600"
  $sudo apt-get $lock update -qq
  $sudo apt-get $lock install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if [ "$mode" = test ]; then
  python3 -c 'import icalendar' 2>/dev/null || {
    echo "setup: installing Python icalendar (pip)" >&2
    python3 -m pip install --quiet --disable-pip-version-check 'icalendar>=6'
  }
fi
