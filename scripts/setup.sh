#!/usr/bin/env bash
# Installs what Forum Scheduler needs on a Debian machine, only what is missing.
#   scripts/setup.sh build   libical-dev, libyaml-dev, pkg-config, tzdata (to build and run `forum`)
#   scripts/setup.sh test    the above, plus the real clients the tests use:
#                            khal, calcurse, Chromium, ConfClerk, Xvfb, xdotool (drives
#                            ConfClerk's import), Python's icalendar 6 or newer and
#                            jsonschema with its format checkers (validates schedule.json
#                            against c3voc's schema), chromium-driver and Selenium (drive the
#                            planning board in Chromium) (pip; for Debian's own Python, in a
#                            virtual environment at .build/test-python, which the tests
#                            use when present)
set -euo pipefail
mode=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.build/test-python"

apt_packages=()
make_venv=no
need_cmd() { command -v "$1" >/dev/null 2>&1 || apt_packages+=("$2"); }
# True when python3 is a Debian system Python that pip must not install into (PEP 668).
externally_managed() {
  python3 -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'
}
# True when Python $1 has icalendar 6 or newer (older ones split an escaped comma in CATEGORIES)
# and jsonschema able to check the `uri` format (without the format extra it passes any text).
has_python_tools() {
  "$1" -c 'import sys, icalendar, jsonschema, selenium; sys.exit(0 if int(icalendar.__version__.split(".")[0]) >= 6 and "uri" in jsonschema.Draft6Validator.FORMAT_CHECKER.checkers else 1)' 2>/dev/null
}
python_packages=('icalendar>=6' 'jsonschema[format-nongpl]>=4' 'selenium>=4')
need_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || apt_packages+=("$1"); }

pkg-config --exists libical 2>/dev/null || apt_packages+=(libical-dev pkg-config)
pkg-config --exists yaml-0.1 2>/dev/null || apt_packages+=(libyaml-dev pkg-config)
need_deb tzdata
if [ "$mode" = test ]; then
  need_cmd khal khal
  need_cmd calcurse calcurse
  need_cmd chromium chromium
  need_cmd chromedriver chromium-driver
  need_cmd confclerk confclerk
  need_cmd xvfb-run xvfb
  need_cmd xdotool xdotool
  # Python's icalendar and jsonschema: pip where it may install (a pyenv or virtual-env Python); for
  # Debian's own Python, which pip must not change (PEP 668) and whose python3-icalendar
  # is too old, a virtual environment made after the apt step.
  if ! has_python_tools python3 && ! has_python_tools "$venv/bin/python3"; then
    if command -v python3 >/dev/null 2>&1 && ! externally_managed; then
      echo "setup: installing Python ${python_packages[*]} (pip)" >&2
      python3 -m pip install --quiet --disable-pip-version-check "${python_packages[@]}"
    else
      apt_packages+=(python3 python3-venv)
      make_venv=yes
    fi
  fi
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

if [ "$make_venv" = yes ]; then
  echo "setup: installing Python ${python_packages[*]} (pip, in $venv)" >&2
  python3 -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "${python_packages[@]}"
fi

# pretalx for the pretalx round trip (issue 14): its own virtual environment at
# .build/pretalx-venv, made only when missing. 2023.1.3 is the last release with the
# `import_schedule` command; Faker and freezegun are what its `create_test_event` needs.
# It runs on SQLite in a data folder the test makes (PRETALX_DATA_DIR), no system packages.
pretalx_venv="$root/.build/pretalx-venv"
if [ "$mode" = test ] && ! "$pretalx_venv/bin/python" -c 'import pretalx, faker, freezegun' 2>/dev/null; then
  echo "setup: installing pretalx 2023.1.3 (pip, in $pretalx_venv; takes a few minutes)" >&2
  python3 -m venv "$pretalx_venv"
  "$pretalx_venv/bin/python" -m pip install --quiet --disable-pip-version-check 'pretalx==2023.1.3' Faker freezegun
fi
