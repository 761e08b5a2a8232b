#!/usr/bin/env bash
# The installed package, as a user gets it: pack slth, install the tarball with production
# dependencies only into an empty folder, and run the CLI from there (CI runs this).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
(cd "$root" && npm pack --silent --pack-destination "$dir" >/dev/null)
cd "$dir"
printf '{ "name": "slth-smoke", "private": true }\n' > package.json
npm install --omit=dev --no-audit --no-fund --silent ./slth-*.tgz
slth() { node node_modules/slth/bin/slth.js "$@"; }
fx=node_modules/slth/fixtures/targets
echo "== slth --version"; slth --version
echo "== slth construct + check on a bundled fixture"
slth construct --target "$fx/d2-small.json" --seed smoke --eps 0.1 --delta 1e-9 --construction pair --out cert.json --quiet | tail -3
slth check cert.json
echo "== slth falsify (small, undersized: a counterexample is expected, exit 1)"
bundled_before=$(find node_modules/slth/fixtures/counterexamples -type f | wc -l)
set +e
slth falsify --claim pair --widths 2,3,1 --eps 0.1 --delta 1e-9 --width-scale 1e-3 --runs 20 --quiet > falsify.txt
code=$?
set -e
head -3 falsify.txt
[ "$code" -eq 1 ] || { echo "expected exit 1 from falsify, got $code"; exit 1; }
ls slth-counterexamples/pair/*.json > /dev/null
[ "$(find node_modules/slth/fixtures/counterexamples -type f | wc -l)" -eq "$bundled_before" ] || { echo "falsify wrote into the installed package"; exit 1; }
echo "== slth replay (the working directory's database)"
slth replay | tail -1
echo "== slth lemma all"
slth lemma all | tail -8
echo "== claim-test on worker threads"
# supported after 80 trials (exit 0); 20 would be inconclusive, which exits 1
slth claim-test --claim pair --target "$fx/d1-single.json" --eps 0.1 --delta 0.1 --max-trials 160 --workers 2 --quiet | head -1
echo "pack smoke test: ok"
