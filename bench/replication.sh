#!/bin/sh
# Replication figures R1-R4 (bench/README.md, docs/REPLICATION.md) with the real Litestream binary
# against S3Proxy in-process:
#   bench/replication.sh [--duration-s 30] [--rate 500] [--jobs 100000] [--executions 1000000]
#                        [--clients 16] [--window-s 10] [--only r1,r2,r3,r4]
# Builds first when needed; fetches Litestream like ./kronforce; writes bench/out/<timestamp>/replication.md.
set -eu
cd -- "$(dirname -- "$0")/.."
. ./.ci/lib.sh
kf_use_jdk || exit 1
KRONFORCE_LITESTREAM_BIN=${KRONFORCE_LITESTREAM_BIN:-$(kf_litestream)} || exit 1
export KRONFORCE_LITESTREAM_BIN
stamp=bench/target/replication.stamp
if kf_stale "$stamp" || [ ! -f controller/target/kronforce-controller.jar ]; then
  # package, not install: nothing is written to the local Maven repository.
  echo "bench: building (./mvnw -DskipTests -pl controller,bench -am package)..." >&2
  ./mvnw -B -q -ntp -DskipTests -pl controller,bench -am package
  touch "$stamp"
fi
out=bench/out/$(date +%Y%m%d-%H%M%S)
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "bench/target/classes:bench/target/libs/*" io.kronforce.bench.ReplicationBench --out "$out" "$@"
