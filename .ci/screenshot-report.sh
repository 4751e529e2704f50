#!/usr/bin/env bash
# The docs-health report in a real browser: renders the v1.0 report (with the
# service metadata), opens it from disk in headless Chromium (Debian's package,
# installed here if missing), checks the page's DOM came through whole, and
# writes a screenshot (default docs/report.png, the README's).
#
#   .ci/screenshot-report.sh [OUT.png]
#
# Needs ../shared/graph-docs and ../shared/graph-metadata (or GRAPHDOC_CORPUS,
# GRAPHDOC_METADATA). Not part of .ci/run: run it when the page's look changes.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/report.png}"
docs="${GRAPHDOC_CORPUS:-../shared/graph-docs}/api-reference/v1.0"
metadata="${GRAPHDOC_METADATA:-../shared/graph-metadata/v1.0_metadata.xml}"

if ! command -v chromium >/dev/null; then
    echo "== installing chromium (apt)"
    apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== graphdoc report over $docs"
cargo run --quiet -p graphdoc-cli -- report "$docs" --metadata "$metadata" \
    -o "$work/report.html" --no-timestamp

# No network: the page must not need any (the flags keep Chromium's own
# background connections off too).
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --hide-scrollbars --user-data-dir="$work/profile")

echo "== the DOM as Chromium built it"
chromium "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
for id in summary workload-table code-table top-table findings-table fidelity; do
    grep -q "id=\"$id\"" "$work/dom.html" || { echo "missing #$id in the rendered page" >&2; exit 1; }
done
charts=$(grep -o '<svg role="img" class="chart"' "$work/dom.html" | wc -l)
[ "$charts" -ge 3 ] || { echo "only $charts charts rendered" >&2; exit 1; }
echo "ok: every section and $charts charts"

echo "== screenshot"
chromium "${flags[@]}" --window-size=1280,2000 --screenshot="$work/shot.png" \
    "file://$work/report.html" 2>/dev/null
mkdir -p "$(dirname "$out")"
cp "$work/shot.png" "$out"
echo "wrote $out"
