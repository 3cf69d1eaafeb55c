#!/usr/bin/env bash
# Every test of the portal: type check, build, unit and integration tests (Node's test runner),
# then the end-to-end tests in Chromium (Playwright). Installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package …"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# npm scripts run on the project's own Node (node_modules/.bin/node, see README "Runtime").
echo "== Node $(node --version) ($(command -v node))"
node --import tsx scripts/supported-node.ts

echo "== Type check"
npx --no-install tsc --noEmit

echo "== Format and lint"
npx --no-install prettier --check . >/dev/null || { npx --no-install prettier --check .; exit 1; }
npx --no-install eslint --max-warnings 0 .

echo "== Build"
npx --no-install remix build

echo "== Unit and integration tests"
npm run --silent test:unit

echo "== End-to-end tests (Chromium)"
npx --no-install playwright test
