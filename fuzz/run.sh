#!/usr/bin/env bash
# Runs the fuzz targets with cargo-fuzz (libFuzzer) on the nightly toolchain, one after another.
# The corpora start from the golden test scripts and from seeds/; crashes land in artifacts/TARGET.
#
#   bash fuzz/run.sh                      # every target, 10 minutes each
#   SECONDS_EACH=60 bash fuzz/run.sh parse interpret
#   cargo install cargo-fuzz              # once, if `cargo fuzz` is missing
set -euo pipefail
cd "$(dirname "$0")"
each="${SECONDS_EACH:-600}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse interpret template token_response criteria)
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    case "$t" in
        parse | interpret)
            find ../tests/scripts ../scripts -name '*.dg' | while read -r f; do
                cp "$f" "corpus/$t/$(echo "$f" | tr '/.' '__')"
            done
            ;;
        *) cp seeds/"$t"/* "corpus/$t/" ;;
    esac
    echo "== $t: ${each}s"
    # -rss_limit_mb: the interpreter may build texts and lists up to dg's own limits.
    cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$each" -rss_limit_mb=4096 \
        -max_len=8192 -timeout=20 -print_final_stats=1 2>&1 | tee "corpus/$t.log" | grep -E '^(#[0-9]+ +DONE|stat::|==|SUMMARY|Done)' || true
    grep -q 'Done [0-9]* runs' "corpus/$t.log" || { echo "fuzz target $t failed: see fuzz/corpus/$t.log" >&2; exit 1; }
done
