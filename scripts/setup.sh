#!/usr/bin/env bash
# Set up everything shopper needs on a fresh machine: a virtualenv with the project, a Chromium,
# and (with --test) the servers the integration tests start (Debian's dovecot).
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
WANT_TEST_SERVERS=0
[ "${1:-}" = "--test" ] && WANT_TEST_SERVERS=1

say() { printf 'setup: %s\n' "$*" >&2; }

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian packages: $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
      apt-get update -qq >/dev/null 2>&1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    }
  else
    say "missing: $*. Run as root: apt-get install -y $*"
    return 1
  fi
}

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  say "installing shopper and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[dev]'
  rm -f .venv/.installed-*; touch "$stamp"
fi

# A Chromium: Playwright's own if installed, else the system's; else install Debian's. Headless
# runs take the headless shell when there is one (no browser window: far less CPU per context);
# without root, a full Chromium alone still works.
if ! .venv/bin/python -m shopper.probes.browser >/dev/null 2>&1; then
  apt_install chromium chromium-headless-shell || exit 3
fi
case "$(.venv/bin/python -m shopper.probes.browser)" in
  *headless*shell*) ;;
  *) apt_install chromium-headless-shell || say "headless runs use the full Chromium (slower)" ;;
esac
say "chromium: $(.venv/bin/python -m shopper.probes.browser)"

if [ "$WANT_TEST_SERVERS" = 1 ]; then
  command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || apt_install dovecot-imapd openssl || exit 3
  command -v pg_ctlcluster >/dev/null || [ -d /usr/lib/postgresql ] || apt_install postgresql || exit 3
  # npm fetches the real chat-widget bundles the widget tests serve (tests/widgets/widget_bundles.py).
  command -v npm >/dev/null || apt_install nodejs npm || say "no npm: the widget bundle tests will skip"
fi
