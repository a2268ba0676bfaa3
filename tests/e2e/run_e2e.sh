#!/usr/bin/env bash
# Builds the demo with the built confab into a temporary folder, then runs the browser checks
# (tests/e2e/hub_browser_test.mjs) or the HTML validator (validate_html.mjs) on it.
# Usage: run_e2e.sh browser|html CONFAB_BINARY SOURCE_DIR ARTIFACT_DIR
set -euo pipefail
check=$1 confab=$2 source_dir=$3 artifacts=$4
if [[ ! -d "$source_dir/node_modules/playwright-core" ]]; then
  echo "node_modules is missing: run scripts/install-deps (npm ci)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SOURCE_DATE_EPOCH=1227052800 "$confab" build --config "$source_dir/site.toml" \
  --output "$work/site" --archive "$work/archive.db" >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 1; }
case "$check" in
  browser) node "$source_dir/tests/e2e/hub_browser_test.mjs" "$work/site" "$artifacts" ;;
  html) node "$source_dir/tests/e2e/validate_html.mjs" "$work/site" ;;
  *) echo "unknown check $check" >&2; exit 2 ;;
esac
