#!/usr/bin/env bash
# Where the servers' memory is, while load.mjs holds its clients (run.sh with MEMORY_DETAIL=1):
# the gateway's native memory (NMT summary), heap histogram, threads, and both servers' smaps totals.
# usage: memory-snapshot.sh <phase>   (env: RESULTS, JAVA_HOME, GATEWAY_PID, REFERENCE_PID)
set -uo pipefail
out="$RESULTS/memory-$1.txt"
{
  for pid in ${GATEWAY_PID:-} ${REFERENCE_PID:-}; do
    echo "== pid $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" | cut -c1-160)"
    grep -E '^(VmRSS|RssAnon|RssFile|RssShmem|Threads)' "/proc/$pid/status"
    echo "open files: $(ls "/proc/$pid/fd" | wc -l)"
  done
  if [ -n "${GATEWAY_PID:-}" ]; then
    echo "== gateway threads by name"
    for t in /proc/"$GATEWAY_PID"/task/*; do cat "$t/comm"; done | sed 's/[-#]*[0-9]*$//' | sort | uniq -c | sort -rn
    echo "== gateway native memory (NMT summary)"
    "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" VM.native_memory summary
    echo "== gateway heap histogram (live objects, after a full GC)"
    "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" GC.class_histogram | head -45
    echo "== gateway heap after that GC"
    "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" GC.heap_info
    grep -E '^VmRSS' "/proc/$GATEWAY_PID/status"
  fi
} > "$out" 2>&1
