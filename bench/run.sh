#!/bin/sh
# Runs the load driver against the packaged controller (see bench/README.md):
#   bench/run.sh [--reps 3] [--duration-s 10] [--clients 32] [--triggers 5000] [--only b1,b2,b3,b4,b5,b6]
#                [--fire-jobs 1000] [--fire-window-s 60] [--many-jobs 100000]
# Builds first when needed; writes bench/out/<timestamp>/{results.md,raw.txt,*.log}.
set -eu

# Resolve symlinks to this script by hand (POSIX has no readlink -f), then work from the repo root.
self=$0
while [ -L "$self" ]; do
  link=$(ls -ld -- "$self" | sed 's/^.* -> //')
  case $link in
    /*) self=$link ;;
    *) self=$(dirname -- "$self")/$link ;;
  esac
done
cd -- "$(dirname -- "$self")/.."

. ./.ci/lib.sh
kf_use_jdk || exit 1

stamp=bench/target/run.stamp
if kf_stale "$stamp" || [ ! -f controller/target/kronforce-controller.jar ]; then
  echo "bench: building (./mvnw -DskipTests install)..." >&2
  ./mvnw -B -q -ntp -DskipTests install
  touch "$stamp"
fi

out=bench/out/$(date +%Y%m%d-%H%M%S) # created by the driver once the flags are valid
echo "bench: JAVA_HOME=$JAVA_HOME, output in $out" >&2
# exec: Ctrl-C reaches the JVM, whose shutdown hook ends the child processes.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "bench/target/classes:bench/target/libs/*" io.kronforce.bench.BenchMain --out "$out" "$@"
