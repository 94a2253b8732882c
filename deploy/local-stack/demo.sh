#!/usr/bin/env bash
# Places an order as the demo customer and walks it to DELIVERED through the running local stack (bin/run).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/jdk.sh
exec java -Dorderflow.root="$PWD" -jar deploy/local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar demo
