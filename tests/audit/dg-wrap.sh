#!/usr/bin/env bash
# Stands in for dg during the secrets audit: runs the real binary ($DG_AUDIT_REAL) with
# DG_LOG=trace, in its place (same pid, so signals and kills reach it), with a copy of everything
# it prints, and a copy of its database as the command finds it, kept in $DG_AUDIT_DIR.
set -u
n="$DG_AUDIT_DIR/run-$$-$RANDOM"
db="${DG_DB:-}"
prev=""
for a in "$@"; do
    [ "$prev" = "--db" ] && db="$a"
    prev="$a"
done
if [ -n "$db" ]; then
    for suffix in "" -wal; do
        [ -f "$db$suffix" ] && cp "$db$suffix" "$n.db$suffix" 2>/dev/null
    done
fi
export DG_LOG=trace
exec "$DG_AUDIT_REAL" "$@" > >(tee "$n.out") 2> >(tee "$n.err" >&2)
