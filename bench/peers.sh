#!/usr/bin/env bash
# The side-by-side benchmark against Quartz, db-scheduler and JobRunr (see bench/README.md,
# "Against the peers"):
#   bench/peers.sh                 # floor, W1-W4 on every peer, then our side; one table
#   bench/peers.sh w1 w3           # only those parts (floor w1 w2 w3 w4)
#   REPS=3 bench/peers.sh          # median (min–max) over 3 runs of each configuration
#   OURS=0 bench/peers.sh          # the peers only (our row then shows as missing)
# Every peer measurement is a fresh JVM under `timeout` that also stops itself. Output in
# $OUT (bench/out/peers-<timestamp>): raw.txt, peers.log, ours/, summary.md.
set -euo pipefail
cd -- "$(dirname -- "$(readlink -f -- "$0")")/.."

. ./.ci/lib.sh
kf_use_jdk

REPS=${REPS:-1}
OURS=${OURS:-1}
OUT=${OUT:-bench/out/peers-$(date +%Y%m%d-%H%M%S)}
PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(floor w1 w2 w3 w4)
for part in "${PARTS[@]}"; do
  case $part in floor | w1 | w2 | w3 | w4) ;; *) echo "peers.sh: unknown part '$part' (floor w1 w2 w3 w4)" >&2; exit 2 ;; esac
done
mkdir -p "$OUT"
RAW=$OUT/raw.txt
LOG=$OUT/peers.log
SCRATCH=$(mktemp -d /tmp/kronforce-peers-XXXXXX)
trap 'rm -rf -- "$SCRATCH"' EXIT

echo "peers: JAVA_HOME=$JAVA_HOME, output in $OUT" >&2
./mvnw -B -q -o -pl bench/peers -DskipTests package >"$OUT/build.log" 2>&1 \
  || ./mvnw -B -q -pl bench/peers -DskipTests package >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log" >&2; exit 1; }

# The same heap cap and native access as our controller gets from ./kronforce and bench/run.sh.
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.org.jobrunr.jobs.filters=error
  -Dpeers.tmp="$SCRATCH" -Dorg.sqlite.tmpdir="$SCRATCH"
  -cp "bench/peers/target/classes:bench/peers/target/libs/*")
PKG=io.kronforce.bench.peers

{
  echo "# peers.sh $(date -u +%FT%TZ) host=$(hostname) cores=$(nproc) REPS=$REPS parts=${PARTS[*]} load=$(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA_HOME/bin/java" -version 2>&1 | sed 's/^/# /'
} >>"$RAW"

# measure LABEL TIMEOUT_S MAIN ARGS...: one fresh JVM; LABEL is "<wl> <who> <store> <cfg>", which
# is how Summarize places a failure in its table.
measure() {
  local label=$1 limit=$2 started rc=0
  shift 2
  started=$(date +%s)
  echo "[$(date +%T)] $label" >&2
  echo "### $label" >>"$LOG"
  timeout --kill-after=10 "$limit" "${JAVA[@]}" "$@" >>"$RAW" 2>>"$LOG" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "# FAILED rc=$rc: $label" | tee -a "$RAW" >&2
  fi
  echo "    $(($(date +%s) - started)) s" >&2
}

# peer WL WHO STORE CFG TIMEOUT_S ARGS...
peer() {
  local wl=$1 who=$2 store=$3 cfg=$4 limit=$5
  shift 5
  measure "$wl $who $store $cfg" "$limit" $PKG.PeerMain --peer "$who" --store "$store" --cfg "$cfg" --wl "$wl" "$@"
}

wanted() {
  local part
  for part in "${PARTS[@]}"; do [ "$part" = "$1" ] && return 0; done
  return 1
}

started_all=$(date +%s)
for rep in $(seq 1 "$REPS"); do
  echo "=== peers: repetition $rep of $REPS" >&2
  if wanted floor; then
    measure "floor sqlite-floor sqlite single" 60 $PKG.SqliteFloorMain --mode single --seconds 2
    measure "floor sqlite-floor sqlite batch500" 60 $PKG.SqliteFloorMain --mode batch --seconds 2
  fi
  if wanted w1; then
    W1=(--n 10000 --limit-s 150 --hard-limit-s 220)
    for cfg in default tuned; do
      peer w1 quartz ram "$cfg" 240 "${W1[@]}" --warm 2000
      peer w1 quartz sqlite "$cfg" 240 "${W1[@]}" --warm 200
      peer w1 db-scheduler sqlite "$cfg" 240 "${W1[@]}" --warm 200
      peer w1 jobrunr mem "$cfg" 240 "${W1[@]}" --warm 500
      peer w1 jobrunr sqlite "$cfg" 240 "${W1[@]}" --warm 200
    done
  fi
  if wanted w2; then
    # Only tuned: with their defaults db-scheduler and JobRunr first look after 10 s / 15 s (W1's
    # firstPickupMs says so), and Quartz is event driven either way. JobRunr picks up work on its
    # poll tick only: a random pause in [0, poll) keeps the loop from locking onto the tick.
    W2=(--n 200 --hard-limit-s 120)
    peer w2 quartz ram tuned 150 "${W2[@]}" --limit-s 60
    peer w2 quartz sqlite tuned 150 "${W2[@]}" --limit-s 60
    peer w2 db-scheduler sqlite tuned 150 "${W2[@]}" --limit-s 60
    peer w2 jobrunr mem tuned 150 "${W2[@]}" --limit-s 60 --warm 2 --think-ms 200
    peer w2 jobrunr sqlite tuned 150 "${W2[@]}" --limit-s 45 --warm 1 --think-ms 5000
  fi
  if wanted w3; then
    W3=(--jobs 1000 --window-s 20 --settle-s 3 --hard-limit-s 120)
    peer w3 quartz ram default 150 "${W3[@]}"
    peer w3 quartz ram tuned 150 "${W3[@]}"
    peer w3 quartz sqlite tuned 150 "${W3[@]}"
    peer w3 db-scheduler sqlite tuned 150 "${W3[@]}"
    peer w3 jobrunr mem default 150 "${W3[@]}"
    peer w3 jobrunr mem tuned 150 "${W3[@]}"
    peer w3 jobrunr sqlite tuned 150 "${W3[@]}"
  fi
  if wanted w4; then
    W4=(--n 10000 --settle-ms 3000 --hard-limit-s 150)
    measure "baseline jvm mem idle" 60 $PKG.IdleJvmMain --settle-ms 3000
    peer w4 quartz ram default 180 "${W4[@]}"
    peer w4 quartz sqlite default 180 "${W4[@]}"
    peer w4 db-scheduler sqlite default 180 "${W4[@]}"
    peer w4 jobrunr mem default 180 "${W4[@]}"
    peer w4 jobrunr sqlite default 180 "${W4[@]}"
  fi
done
echo "peers: the peers' side took $(($(date +%s) - started_all)) s" >&2

OURS_RAW=$OUT/ours/raw.txt
ours_parts=$(printf '%s\n' "${PARTS[@]}" | grep '^w' | paste -sd, - || true)
if [ "$OURS" = 1 ] && [ -n "$ours_parts" ]; then
  echo "=== ours: bench/run.sh --only $ours_parts" >&2
  bench/run.sh --reps "$REPS" --only "$ours_parts" --out "$OUT/ours" || echo "peers: bench/run.sh exited with $?" >&2
fi
if [ ! -f "$OURS_RAW" ] || ! grep -q '^RESULT wl=' "$OURS_RAW"; then
  echo "peers: no 'RESULT wl=' line from our side; the table shows our row as missing" >&2
fi

MERGED=$OUT/merged.txt
SOURCES=("$RAW")
[ -f "$OURS_RAW" ] && SOURCES+=("$OURS_RAW")
grep -h '^RESULT wl=\|^# FAILED' "${SOURCES[@]}" >"$MERGED" || true
{
  echo "# Kronforce against the peers"
  echo
  echo "$(date -u +%F), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)," \
    "1-min load average $(cut -d' ' -f1 /proc/loadavg) at the end (each row carries its own);" \
    "REPS=$REPS, parts: ${PARTS[*]}."
  echo
  "${JAVA[@]}" $PKG.Summarize "$MERGED"
} >"$OUT/summary.md"
cat "$OUT/summary.md"
