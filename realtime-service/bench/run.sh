#!/usr/bin/env bash
# Realtime gateway benchmark: the same load generator (load.mjs, official socket.io-client 4.x)
# against our gateway (netty-socketio) and against a reference Node socket.io 4.x server, one
# after the other on this machine: 1k and 5k clients in 100 rooms, 10k and 30k delivered msgs/s.
# Writes bench/results/*.jsonl and replaces the "Realtime gateway" section of docs/benchmarks.md.
# Run as an ordinary user from anywhere:  realtime-service/bench/run.sh   (SECONDS_PER_RUN=10 by default)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
MODULE="$ROOT/realtime-service"
SECRET="bench-secret-bench-secret-bench-secret"
GATEWAY_PORT="${GATEWAY_PORT:-18084}"
REFERENCE_PORT="${REFERENCE_PORT:-18090}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
WARMUP_SECONDS="${WARMUP_SECONDS:-5}"
# G1 with a fixed heap; generational ZGC was tried and measured no better (docs/realtime.md)
GATEWAY_JVM_OPTS="${GATEWAY_JVM_OPTS:--Xms1g -Xmx1g}"
CLIENT_COUNTS="${CLIENT_COUNTS:-1000 5000}"
RATES="${RATES:-10000,30000}"
RESULTS="$BENCH_DIR/results"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$RESULTS"
: > "$RESULTS/results.jsonl"

cd "$BENCH_DIR" && npm ci --no-audit --no-fund --silent
cd "$ROOT"
./mvnw -q -B -o -pl realtime-service -am install -DskipTests
./mvnw -q -B -o -pl realtime-service test-compile dependency:build-classpath -Dmdep.outputFile="$RESULTS/classpath.txt" -Dmdep.includeScope=test

pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # file marker
  for _ in $(seq 1 240); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "server did not start, see $1" >&2; exit 1
}

bench() { # label url pid
  for clients in $CLIENT_COUNTS; do
    node "$BENCH_DIR/load.mjs" --label "$1" --url "$2" --pid "$3" --clients "$clients" --rooms 100 \
      --rates "$RATES" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP_SECONDS" --secret "$SECRET" | tee -a "$RESULTS/results.jsonl"
  done
}

echo "== gateway (netty-socketio) on :$GATEWAY_PORT"
java $GATEWAY_JVM_OPTS -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$RESULTS/classpath.txt")" \
  dev.orderflow.realtime.bench.BenchGateway "$GATEWAY_PORT" "$SECRET" > "$RESULTS/gateway.log" 2>&1 &
pids+=($!); gateway_pid=$!
wait_for "$RESULTS/gateway.log" BENCH_GATEWAY_READY
bench "gateway (netty-socketio 2.0.14)" "http://127.0.0.1:$GATEWAY_PORT" "$gateway_pid"
kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true

echo "== reference Node socket.io on :$REFERENCE_PORT"
node "$BENCH_DIR/reference-server.mjs" "$REFERENCE_PORT" "$SECRET" > "$RESULTS/reference.log" 2>&1 &
pids+=($!); reference_pid=$!
wait_for "$RESULTS/reference.log" REFERENCE_READY
bench "reference (Node socket.io $(node -p "require('$BENCH_DIR/node_modules/socket.io/package.json').version"))" \
  "http://127.0.0.1:$REFERENCE_PORT" "$reference_pid"
kill "$reference_pid"; wait "$reference_pid" 2>/dev/null || true

node "$BENCH_DIR/report.mjs" "$RESULTS/results.jsonl" "$ROOT/docs/benchmarks.md"
