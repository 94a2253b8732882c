#!/usr/bin/env bash
# Realtime gateway benchmark: the same load generator (load.mjs, official socket.io-client 4.x)
# against our gateway (netty-socketio) and against a reference Node socket.io 4.x server, both up
# at once on this machine and loaded in turn: 1k and 5k clients in 100 rooms, 10k and 30k
# delivered msgs/s; and memory: both servers' RSS with IDLE_CLIENTS idle clients held (and with the
# active clients at the end of their load), and the heap per order of the gateway's view of orders (ViewMemoryBenchmark).
# Writes bench/results/*.jsonl and replaces the "Realtime gateway" section of docs/benchmarks.md.
# Run as an ordinary user (embedded PostgreSQL refuses root) from anywhere:
#   realtime-service/bench/run.sh
# Knobs (environment): SECONDS_PER_RUN (20 measured per server and rate), SLICES (10 alternating
# slices they are measured in), CLIENT_COUNTS ("1000 5000"), RATES ("10000,30000"),
# ROUNDS (2), PREWARM_SECONDS (30), LOAD_WORKERS (2 receiving processes), EVENT_LOOPS (the
# gateway's event-loop threads; 0, its default: 2 per core), GATEWAY_JAVA_OPTS, GATEWAY_ENV
# (environment of the gateway's JVM only, e.g. MALLOC_ARENA_MAX=2),
# GATEWAY_ARGS (extra --orderflow.realtime.*=... for the gateway), TIMELINE=1 (worst latency per
# 250 ms into results/load-*.log), and for tuning runs SKIP_REFERENCE=1 / SKIP_GATEWAY=1 (one
# side only) and NO_DOC=1 (docs untouched).
# Memory knobs: IDLE_CLIENTS (19000 idle clients per server, 0: none; the most this machine's
# 20,000-file hard limit per process allows with the servers' own files), IDLE_HOLD_SECONDS (20),
# IDLE_WORKERS (4 client processes), MEMORY_DETAIL=1 (gateway with NativeMemoryTracking=summary;
# native memory, heap histogram, threads and smaps of both servers into results/memory-*.txt while
# the clients are connected).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
MODULE="$ROOT/realtime-service"
SECRET="bench-secret-bench-secret-bench-secret"
GATEWAY_PORT="${GATEWAY_PORT:-18084}"
REFERENCE_PORT="${REFERENCE_PORT:-18090}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
SLICES="${SLICES:-10}"
PREWARM_SECONDS="${PREWARM_SECONDS:-30}"
ROUNDS="${ROUNDS:-2}"
CLIENT_COUNTS="${CLIENT_COUNTS:-1000 5000}"
RATES="${RATES:-10000,30000}"
LOAD_WORKERS="${LOAD_WORKERS:-2}"
# the production flags (deploy/k8s/base/realtime-service.yaml) in the pod's 768 Mi (docs/performance.md, "Gateway memory")
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--XX:MaxRAM=768m -XX:+UseSerialGC -Xmx448m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:MetaspaceSize=128m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -Dio.netty.allocator.maxOrder=7 -XX:+ExitOnOutOfMemoryError}"
IDLE_CLIENTS="${IDLE_CLIENTS:-19000}"
IDLE_HOLD_SECONDS="${IDLE_HOLD_SECONDS:-20}"
IDLE_WORKERS="${IDLE_WORKERS:-4}"
GATEWAY_ARGS="${GATEWAY_ARGS:-}"
GATEWAY_ENV="${GATEWAY_ENV:-}"
EVENT_LOOPS="${EVENT_LOOPS:-0}"
RESULTS="$BENCH_DIR/results"
. "$ROOT/bin/jdk.sh" # a JDK 21+, and refuses root
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$RESULTS"
: > "$RESULTS/results.jsonl"

echo "== npm ci (socket.io $(sed -n 's/.*"socket.io": "\(.*\)".*/\1/p' "$BENCH_DIR/package.json"), lockfile)"
if [ ! -f "$BENCH_DIR/node_modules/.package-lock.json" ] || [ "$BENCH_DIR/package-lock.json" -nt "$BENCH_DIR/node_modules/.package-lock.json" ]; then
  (cd "$BENCH_DIR" && npm ci --no-audit --no-fund --silent)
fi

echo "== compile realtime-service and its test classes (no install into ~/.m2)"
cd "$ROOT"
./mvnw -q -B -pl realtime-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$RESULTS/classpath.txt" -Dmdep.includeScope=test
CLASSPATH_BENCH="$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$RESULTS/classpath.txt")"
JAVA="$JAVA_HOME/bin/java"

pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # file marker
  for _ in $(seq 1 360); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "server did not start, see $1" >&2; exit 1
}

echo "== the view of orders: heap per order (ViewMemoryBenchmark)"
"$JAVA" -XX:+UseSerialGC -Xmx1g -cp "$CLASSPATH_BENCH" dev.orderflow.realtime.bench.ViewMemoryBenchmark 20000 | tee -a "$RESULTS/results.jsonl"

cat > "$RESULTS/meta.json" <<JSON
{"date": "$(date -u +%Y-%m-%dT%H:%MZ)", "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)",
 "cores": $(nproc), "loadBefore": "$(cut -d' ' -f1-3 /proc/loadavg)", "secondsPerRun": $SECONDS_PER_RUN,
 "prewarmSeconds": $PREWARM_SECONDS, "rounds": $ROUNDS, "slices": $SLICES,
 "java": "$("$JAVA" -version 2>&1 | head -1 | tr -d '"')", "node": "$(node -v)",
 "gatewayJavaOpts": "$GATEWAY_JAVA_OPTS", "gatewayEventLoops": $EVENT_LOOPS, "gatewayArgs": "$GATEWAY_ARGS", "gatewayEnv": "$GATEWAY_ENV",
 "idleHoldSeconds": $IDLE_HOLD_SECONDS, "idleWorkers": $IDLE_WORKERS, "fileLimit": $(ulimit -n)}
JSON

echo "== Kafka for the gateway (own JVM, not measured)"
"$JAVA" -Xmx512m -cp "$CLASSPATH_BENCH" dev.orderflow.realtime.bench.BenchKafka > "$RESULTS/kafka.log" 2>&1 &
pids+=($!)
wait_for "$RESULTS/kafka.log" BENCH_KAFKA_READY
BOOTSTRAP="$(sed -n 's/^BENCH_KAFKA_READY //p' "$RESULTS/kafka.log")"

detail_opts=""; snapshot=()
if [ -n "${MEMORY_DETAIL:-}" ]; then
  detail_opts="-XX:NativeMemoryTracking=summary"
  snapshot=(--snapshot "$BENCH_DIR/memory-snapshot.sh")
fi
export RESULTS JAVA_HOME

start_gateway() {
  # shellcheck disable=SC2086
  env $GATEWAY_ENV "$JAVA" $GATEWAY_JAVA_OPTS $detail_opts -Xlog:gc:file="$RESULTS/gateway-gc-$clients-$round.log" -cp "$CLASSPATH_BENCH" dev.orderflow.realtime.bench.BenchGateway \
    "$GATEWAY_PORT" "$SECRET" "$BOOTSTRAP" --orderflow.realtime.worker-threads="$EVENT_LOOPS" $GATEWAY_ARGS > "$RESULTS/gateway.log" 2>&1 &
  pids+=($!); gateway_pid=$!; export GATEWAY_PID=$gateway_pid
  wait_for "$RESULTS/gateway.log" BENCH_GATEWAY_READY
}
start_reference() {
  node "$BENCH_DIR/reference-server.mjs" "$REFERENCE_PORT" "$SECRET" > "$RESULTS/reference.log" 2>&1 &
  pids+=($!); reference_pid=$!; export REFERENCE_PID=$reference_pid
  wait_for "$RESULTS/reference.log" REFERENCE_READY
}
GATEWAY_LABEL="gateway (netty-socketio $(tr ':' '\n' < "$RESULTS/classpath.txt" | grep -m1 '/netty-socketio-' | sed 's/.*netty-socketio-\(.*\)\.jar/\1/'))"
REFERENCE_LABEL="reference (Node socket.io $(node -p "require('$BENCH_DIR/node_modules/socket.io/package.json').version"))"
target() { printf '{"label": "%s", "url": "http://127.0.0.1:%s", "pid": %s}' "$1" "$2" "$3"; }
start_both() {
  targets=()
  if [ -z "${SKIP_GATEWAY:-}" ]; then start_gateway; targets+=("$(target "$GATEWAY_LABEL" "$GATEWAY_PORT" "$gateway_pid")"); fi
  if [ -z "${SKIP_REFERENCE:-}" ]; then start_reference; targets+=("$(target "$REFERENCE_LABEL" "$REFERENCE_PORT" "$reference_pid")"); fi
}
stop_both() {
  for p in ${gateway_pid:-} ${reference_pid:-}; do kill "$p"; wait "$p" 2>/dev/null || true; done
  gateway_pid=; reference_pid=
}

# Memory at rest: both servers fresh, IDLE_CLIENTS authenticated clients connect to each and are
# held; RSS from /proc before, during and at the end of the hold.
if [ "$IDLE_CLIENTS" -gt 0 ]; then
  echo "== $IDLE_CLIENTS idle clients, held $IDLE_HOLD_SECONDS s"
  clients=idle round=1 start_both
  node "$BENCH_DIR/load.mjs" --targets "[$(IFS=,; echo "${targets[*]}")]" --clients "$IDLE_CLIENTS" --idle 1 \
    --hold "$IDLE_HOLD_SECONDS" --workers "$IDLE_WORKERS" --secret "$SECRET" "${snapshot[@]}" \
    2> >(tee "$RESULTS/load-idle.log" >&2) | tee -a "$RESULTS/results.jsonl"
  stop_both
fi

# ROUNDS rounds; per client count both servers start fresh and run at once, and load.mjs moves the
# load between them in SLICES alternating slices per rate (who goes first alternates), so that a
# change in the machine's background load hits both sides of the comparison alike. The report
# pools each side's slices, takes the median of the rounds and counts the slices won.
for round in $(seq 1 "$ROUNDS"); do
  for clients in $CLIENT_COUNTS; do
    echo "== round $round/$ROUNDS: $clients clients"
    start_both
    node "$BENCH_DIR/load.mjs" --targets "[$(IFS=,; echo "${targets[*]}")]" --clients "$clients" --rooms 100 \
      --rates "$RATES" --seconds "$SECONDS_PER_RUN" --slices "$SLICES" --prewarm "$PREWARM_SECONDS" --secret "$SECRET" \
      --round "$round" --workers "$LOAD_WORKERS" "${snapshot[@]}" \
      ${TIMELINE:+--timeline 1} 2> >(tee "$RESULTS/load-$clients-$round.log" | grep -v '^t=' >&2) | tee -a "$RESULTS/results.jsonl"
    stop_both
  done
done

sed -i "s/}\$/, \"loadAfter\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}/" "$RESULTS/meta.json"
if [ -z "${NO_DOC:-}" ]; then
  node "$BENCH_DIR/report.mjs" "$RESULTS/results.jsonl" "$RESULTS/meta.json" "$ROOT/docs/benchmarks.md"
else
  cat "$RESULTS/results.jsonl"
fi
