#!/usr/bin/env bash
# Builds and runs one fuzz target for a while, seeding its corpus from the
# seed pages, the parser's fixtures and (when present) the real docs tree.
#
#   fuzz/run.sh parse_page 600        # ten minutes
#   fuzz/run.sh parse_annotation 300
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler. On a
# stable toolchain RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags; no
# sanitizer is used (`-s none`): safe Rust, so panics, overflows (debug
# assertions are on), stack overflows, timeouts and OOM are what is found.
set -euo pipefail
target=${1:?usage: run.sh parse_page|parse_annotation [seconds]}
seconds=${2:-600}
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
docs=${GRAPHDOC_CORPUS:-$root/../shared/graph-docs}
target_dir=${CARGO_TARGET_DIR:-$root/target}/fuzz
export RUSTC_BOOTSTRAP=1

corpus=$fuzz/corpus/$target
if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus"
    pages=("$root"/seeds/*.txt "$root"/crates/graphdoc-parse/tests/fixtures/*.md)
    if [ -d "$docs" ]; then
        mapfile -t -O "${#pages[@]}" pages < <(find "$docs" -name '*.md' | sort)
    fi
    case $target in
    parse_page) cp "${pages[@]}" "$corpus/" 2>/dev/null || true
        # Same-named pages overwrite each other; that is fine for seeding.
        ;;
    parse_annotation)
        # Every `<!-- ... -->` body in the pages, one file each.
        perl -0777 -ne 'while (/<!--(.*?)-->/sg) { print "$1\0" }' "${pages[@]}" |
            sort -zu | (cd "$corpus" && split -t '\0' -l 1 -a 5 - ann_)
        for f in "$corpus"/ann_*; do perl -pi -e 's/\0$//' "$f"; done
        ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
    esac
fi
dict=$fuzz/dict/${target#parse_}.dict

cd "$fuzz"
cargo fuzz run "$target" -s none -O -a --target-dir "$target_dir" "$corpus" -- \
    -dict="$dict" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1
