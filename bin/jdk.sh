# Sourced by bin/run and bin/test: picks a JDK 21+ (JAVA_HOME if it is one, else the newest under /usr/lib/jvm).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  JAVA_HOME=""
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidate=${candidate%/}
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ]; then JAVA_HOME=$candidate; break; fi
  done
fi
if [ -z "$JAVA_HOME" ]; then
  echo "No JDK 21 or newer found: set JAVA_HOME to one (e.g. Temurin 21/25)." >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [ "$(id -u)" = 0 ]; then
  echo "Run this as an ordinary user: PostgreSQL (embedded here) refuses to run as root." >&2
  echo "  e.g.  useradd -m dev && chown -R dev . && su dev -c '$0'" >&2
  exit 1
fi
