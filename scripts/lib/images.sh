#!/usr/bin/env bash
# Builds the Docker images the platform and its tests need, without any registry:
# this machine cannot pull images, so even base images are made from local files.
#
#   alpine:3.17             Testcontainers 2.x runs its startup checks in this image. Ours is
#                           a static busybox rootfs under that tag (sh, ls, df, ... are enough).
#   themepress/jre-base:17  a jlinked JRE 17 plus the shared libraries it links, as uid 1001.
#                           Addon images and service images FROM it (exec-form ENTRYPOINT, no
#                           RUN: the image has no shell).
#   themepress/redis:7      Debian's redis-server and redis-cli with their libraries, as uid 999,
#                           data in /data: docker-compose.yml's Redis where redis:7 cannot be pulled.
#   themepress/prometheus:2 Debian's prometheus binary, as nobody, data in /prometheus: the
#                           compose "monitoring" profile's Prometheus here (prom/prometheus elsewhere).
#   themepress/tools:1      bash, curl, sed, grep, awk and the coreutils scripts/demo.sh uses, as uid
#                           1001: the compose "demo" profile runs the demo set-up in it.
#   themepress/node-base:20 Debian's node with the libraries it links, as uid 1001: the base of
#                           examples/node-hello (node:24-slim elsewhere).
#
# Each image is built only when its tag is absent (THEMEPRESS_REBUILD_IMAGES=1 forces it).
#
#   scripts/lib/images.sh                         # both
#   scripts/lib/images.sh alpine jre-base         # by short name or tag
#   source scripts/lib/images.sh; build_jre_base_image

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=scripts/lib/provision.sh
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"

ALPINE_IMAGE="alpine:3.17"
JRE_BASE_IMAGE="themepress/jre-base:17"
REDIS_IMAGE="themepress/redis:7"
PROMETHEUS_IMAGE="themepress/prometheus:2"
TOOLS_IMAGE="themepress/tools:1"
NODE_BASE_IMAGE="themepress/node-base:20"
# What scripts/demo.sh (and scripts/lib/common.sh, which it sources) runs.
TOOLS_COMMANDS="bash curl sed grep awk head cat mktemp chmod mv rm mkdir date od tr dirname basename id env readlink"

# Modules for a Spring Boot 4 service and for a small jdk.httpserver addon. java.desktop is
# there for java.beans (Spring uses it); jdk.unsupported for sun.misc.Unsafe (Netty, Caffeine);
# jdk.crypto.ec for TLS; jdk.management for container-aware metrics; jdk.zipfs and
# jdk.naming.dns are small and commonly loaded by libraries; java.compiler because Spring Data 4's
# repository set-up reads javax.lang.model.SourceVersion (checked: addon-server fails without it).
JRE_MODULES="java.base,java.compiler,java.logging,java.management,java.naming,java.net.http,java.security.jgss,\
java.instrument,java.sql,java.xml,java.desktop,java.scripting,jdk.httpserver,jdk.unsupported,\
jdk.crypto.ec,jdk.management,jdk.zipfs,jdk.naming.dns"

# Native libraries of java.desktop that need X11 or ALSA: a headless server never loads them,
# and dropping them keeps X11 and sound libraries out of the image.
JRE_DROPPED_LIBS="libawt_xawt.so libsplashscreen.so libjsound.so libjawt.so"

image_present() {
  docker image inspect "$1" >/dev/null 2>&1
}

# True when the image should be (re)built, and says why not otherwise.
needs_build() {
  local tag="$1"
  if [[ "${THEMEPRESS_REBUILD_IMAGES:-0}" == "1" ]]; then
    return 0
  fi
  if image_present "$tag"; then
    log "$tag: present ($(docker image inspect --format '{{.Id}}' "$tag" | cut -c1-19)), not rebuilt"
    return 1
  fi
  return 0
}

# A temporary work folder; kept when a build fails, to look at.
new_workdir() {
  mktemp -d "${TMPDIR:-/tmp}/themepress-image.XXXXXX"
}

# tar of a rootfs folder: everything owned by root whoever builds it, numeric ids because
# the image's own /etc/passwd is what counts. Extra arguments are passed to docker import.
import_rootfs() {
  local dir="$1" tag="$2" old_id
  shift 2
  old_id="$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  tar --numeric-owner --owner=0 --group=0 -C "$dir" -c . | docker import "$@" - "$tag" >/dev/null
  # A forced rebuild would otherwise leave the previous image behind, untagged.
  if [[ -n "$old_id" ]]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
}

# --- alpine:3.17 (busybox) ------------------------------------------------------

build_alpine_image() {
  needs_build "$ALPINE_IMAGE" || return 0
  local start busybox work rootfs applet
  start="$(now_ms)"
  busybox="$(static_busybox_path)" \
    || die "busybox-static is not installed: run scripts/lib/provision.sh (it installs it)."
  log "$ALPINE_IMAGE: building from the static busybox at $busybox (Testcontainers' startup-check image; none can be pulled here)"
  work="$(new_workdir)"
  rootfs="$work/rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/sbin" "$rootfs/usr/bin" "$rootfs/usr/sbin" "$rootfs/etc" "$rootfs/root"
  install -m 0755 "$busybox" "$rootfs/bin/busybox"
  # One symlink per applet, at the path busybox itself names (bin/sh, usr/bin/awk, ...).
  while IFS= read -r applet; do
    [[ -n "$applet" && "$applet" != "bin/busybox" ]] || continue
    mkdir -p "$rootfs/$(dirname "$applet")"
    ln -sf /bin/busybox "$rootfs/$applet"
  done < <("$rootfs/bin/busybox" --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  install -d -m 1777 "$rootfs/tmp"
  import_rootfs "$rootfs" "$ALPINE_IMAGE" \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' \
    --message "busybox-static rootfs standing in for $ALPINE_IMAGE (offline Testcontainers checks)"
  rm -rf "$work"
  log "$ALPINE_IMAGE: built in $(elapsed_since "$start") ($(image_size "$ALPINE_IMAGE"))"
}

image_size() {
  docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.1f MB", $1 / 1000000 }'
}

# --- themepress/jre-base:17 -----------------------------------------------------

build_jre_base_image() {
  needs_build "$JRE_BASE_IMAGE" || return 0
  local start step jdk work rootfs jre
  start="$(now_ms)"
  jdk="$(jdk17_home)" \
    || die "no JDK 17 with jlink and jmods found (set THEMEPRESS_JDK, or install openjdk-17-jdk-headless: scripts/lib/provision.sh does)."
  work="$(new_workdir)"
  rootfs="$work/rootfs"
  jre="$rootfs/opt/jre"
  log "$JRE_BASE_IMAGE: building (jlink from $jdk)"

  step="$(now_ms)"
  mkdir -p "$rootfs/opt"
  # --generate-cds-archive: a class-data-sharing archive (12 MB) makes every JVM start
  # faster (measured: a jdk.httpserver addon at 0.5 CPU is up in ~100 ms instead of ~190 ms),
  # which an addon container pays on each cold start. THEMEPRESS_JRE_CDS=0 leaves it out.
  local cds=(--generate-cds-archive)
  [[ "${THEMEPRESS_JRE_CDS:-1}" == "1" ]] || cds=()
  "$jdk/bin/jlink" --add-modules "$JRE_MODULES" --output "$jre" \
    --strip-debug --no-header-files --no-man-pages --compress=2 "${cds[@]}" >/dev/null \
    || die "jlink failed (modules: $JRE_MODULES)."
  trim_jre "$jre"
  info "jlink: $(elapsed_since "$step") ($(du -sh "$jre" | cut -f1))"

  step="$(now_ms)"
  copy_shared_libraries "$rootfs" "$jre"
  write_base_files "$rootfs"
  info "rootfs with shared libraries: $(elapsed_since "$step") ($(du -sh "$rootfs" | cut -f1))"

  step="$(now_ms)"
  import_rootfs "$rootfs" "$JRE_BASE_IMAGE" \
    --change 'ENV JAVA_HOME=/opt/jre' \
    --change 'ENV PATH=/opt/jre/bin:/usr/bin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'USER 1001:1001' \
    --change 'WORKDIR /home/app' \
    --change 'CMD ["/opt/jre/bin/java", "-version"]' \
    --message "jlinked JRE 17 ($JRE_MODULES) from $jdk"
  info "docker import: $(elapsed_since "$step")"
  rm -rf "$work"
  log "$JRE_BASE_IMAGE: built in $(elapsed_since "$start") ($(image_size "$JRE_BASE_IMAGE"))"
}

# Drops what a headless server never uses.
trim_jre() {
  local jre="$1" lib
  for lib in $JRE_DROPPED_LIBS; do
    rm -f "$jre/lib/$lib"
  done
  # The archive for heaps over 32 GB (no compressed oops): not a size an addon runs at.
  rm -f "$jre/lib/server/classes_nocoops.jsa"
}

# Copies every shared library that ldd names for the JRE's executables and libraries,
# at the same path (the ELF files name their loader and search paths absolutely).
copy_shared_libraries() {
  local rootfs="$1" jre="$2" libc_dir="" lib elf
  local -A seen=()
  while IFS= read -r elf; do
    while IFS= read -r lib; do
      [[ -n "$lib" && -z "${seen[$lib]:-}" ]] || continue
      seen[$lib]=1
      copy_into_rootfs "$rootfs" "$lib"
      if [[ "$lib" == */libc.so.* ]]; then
        libc_dir="$(dirname "$lib")"
      fi
    done < <(ldd_paths "$elf" "$jre")
  done < <(find "$jre/bin" "$jre/lib" -type f \( -perm -u+x -o -name '*.so' \))
  [[ -n "$libc_dir" ]] || die "ldd named no libc for the JRE: cannot build its rootfs."
  # Name-service modules are loaded with dlopen, so ldd does not name them: getpwuid()
  # (user.home, user.name) and host lookups need them.
  for lib in "$libc_dir"/libnss_files.so.* "$libc_dir"/libnss_dns.so.* "$libc_dir"/libresolv.so.*; do
    if [[ -e "$lib" ]]; then
      copy_into_rootfs "$rootfs" "$lib"
    fi
  done
}

# The absolute library paths ldd resolves for one ELF file, outside the JRE itself.
# "not found" is fine for libraries the JRE ships (libjvm.so is found at run time).
ldd_paths() {
  local elf="$1" jre="$2" out line name path
  out="$(ldd "$elf" 2>/dev/null)" || return 0 # not a dynamic ELF (scripts, data)
  while IFS= read -r line; do
    if [[ "$line" =~ ^[[:space:]]*([^[:space:]]+)\ =\>\ not\ found ]]; then
      name="${BASH_REMATCH[1]}"
      [[ -n "$(find "$jre" -name "$name" -print -quit)" ]] \
        || warn "$(basename "$elf") needs $name, which is not on this machine"
    elif [[ "$line" =~ =\>\ (/[^[:space:]]+) ]]; then
      path="${BASH_REMATCH[1]}"
      [[ "$path" == "$jre"/* ]] || printf '%s\n' "$path"
    elif [[ "$line" =~ ^[[:space:]]*(/[^[:space:]]+)\ \( ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}" # the loader, e.g. /lib64/ld-linux-x86-64.so.2
    fi
  done <<<"$out"
}

# Copies a host file into the rootfs at the same path, as a real file (cp -L), because the
# symlinks' targets would not be there.
copy_into_rootfs() {
  local rootfs="$1" path="$2"
  mkdir -p "$rootfs$(dirname "$path")"
  cp -L "$path" "$rootfs$path"
}

# passwd/group with the unprivileged user the images run as, nsswitch for the copied
# libnss_* modules, a sticky /tmp, and `java` on the usual path.
write_base_files() {
  local rootfs="$1"
  mkdir -p "$rootfs/etc" "$rootfs/usr/bin" "$rootfs/home/app" "$rootfs/root"
  cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
app:x:1001:1001:ThemePress app:/home/app:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
  cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
app:x:1001:
nogroup:x:65534:
GROUP
  cat >"$rootfs/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS
  install -d -m 1777 "$rootfs/tmp"
  # LANG=C.UTF-8 needs glibc's locale files; without them Java falls back to ASCII for
  # file names and its default charset.
  if [[ -d /usr/lib/locale/C.utf8 ]]; then
    mkdir -p "$rootfs/usr/lib/locale"
    cp -rL /usr/lib/locale/C.utf8 "$rootfs/usr/lib/locale/"
  else
    warn "no /usr/lib/locale/C.utf8 on this machine: Java in $JRE_BASE_IMAGE will default to ASCII"
  fi
  # The app user's home: writable by anyone, since the tar gives every file to root and the
  # image must work for uid 1001 (and for other ids a deployment may choose).
  chmod 1777 "$rootfs/home/app"
  ln -s /opt/jre/bin/java "$rootfs/usr/bin/java"
}

# --- images of Debian's binaries (redis, prometheus) ------------------------------

# Copies host executables, and every library ldd names for them, into a rootfs at the same paths
# (target names may differ: "src:dest"), with a passwd/group holding one user.
binaries_rootfs() {
  local rootfs="$1" user="$2" uid="$3" spec src dest lib
  shift 3
  mkdir -p "$rootfs/etc" "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  for spec in "$@"; do
    src="${spec%%:*}"
    dest="${spec#*:}"
    [[ -x "$src" ]] || die "$src is not installed (scripts/lib/provision.sh installs it)."
    mkdir -p "$rootfs$(dirname "$dest")"
    cp -L "$src" "$rootfs$dest"
    while IFS= read -r lib; do
      [[ -e "$rootfs$lib" ]] || copy_into_rootfs "$rootfs" "$lib"
    done < <(ldd_paths "$src" /nonexistent)
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\n%s:x:%s:%s::/nonexistent:/sbin/nologin\n' "$user" "$uid" "$uid" >"$rootfs/etc/passwd"
  printf 'root:x:0:\n%s:x:%s:\n' "$user" "$uid" >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
}

# Like import_rootfs, but the data folder (relative to the rootfs) belongs to uid, so that a volume
# mounted there starts writable for the image's user (Docker copies the folder's owner into it).
import_rootfs_with_data() {
  local dir="$1" data="$2" uid="$3" tag="$4" tarball old_id
  shift 4
  old_id="$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  tarball="$(dirname "$dir")/rootfs.tar"
  tar --numeric-owner --owner=0 --group=0 -C "$dir" --exclude="./$data" -cf "$tarball" .
  tar --numeric-owner --owner="$uid" --group="$uid" -C "$dir" -rf "$tarball" "./$data"
  docker import "$@" "$tarball" "$tag" >/dev/null
  if [[ -n "$old_id" ]]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
}

build_redis_image() {
  needs_build "$REDIS_IMAGE" || return 0
  local start work rootfs
  start="$(now_ms)"
  work="$(new_workdir)"
  rootfs="$work/rootfs"
  log "$REDIS_IMAGE: building from Debian's $(redis-server --version | awk '{ print $3 }') (compose's Redis; none can be pulled here)"
  binaries_rootfs "$rootfs" redis 999 "$(command -v redis-server):/usr/bin/redis-server" "$(command -v redis-cli):/usr/bin/redis-cli"
  install -d -m 0750 "$rootfs/data"
  import_rootfs_with_data "$rootfs" data 999 "$REDIS_IMAGE" \
    --change 'USER 999:999' \
    --change 'WORKDIR /data' \
    --change 'VOLUME /data' \
    --change 'EXPOSE 6379' \
    --change 'CMD ["redis-server"]' \
    --message "Debian's redis-server and redis-cli with the libraries they link"
  rm -rf "$work"
  log "$REDIS_IMAGE: built in $(elapsed_since "$start") ($(image_size "$REDIS_IMAGE"))"
}

build_prometheus_image() {
  needs_build "$PROMETHEUS_IMAGE" || return 0
  local start work rootfs
  start="$(now_ms)"
  work="$(new_workdir)"
  rootfs="$work/rootfs"
  log "$PROMETHEUS_IMAGE: building from Debian's prometheus (compose's monitoring profile; none can be pulled here)"
  binaries_rootfs "$rootfs" nobody 65534 "$(command -v prometheus):/bin/prometheus"
  install -d -m 0750 "$rootfs/prometheus"
  mkdir -p "$rootfs/etc/prometheus"
  import_rootfs_with_data "$rootfs" prometheus 65534 "$PROMETHEUS_IMAGE" \
    --change 'USER 65534:65534' \
    --change 'WORKDIR /prometheus' \
    --change 'VOLUME /prometheus' \
    --change 'EXPOSE 9090' \
    --change 'ENTRYPOINT ["/bin/prometheus"]' \
    --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
    --message "Debian's prometheus with the libraries it links"
  rm -rf "$work"
  log "$PROMETHEUS_IMAGE: built in $(elapsed_since "$start") ($(image_size "$PROMETHEUS_IMAGE"))"
}

build_tools_image() {
  needs_build "$TOOLS_IMAGE" || return 0
  local start work rootfs command path
  local -a specs=()
  start="$(now_ms)"
  work="$(new_workdir)"
  rootfs="$work/rootfs"
  log "$TOOLS_IMAGE: building from this machine's $TOOLS_COMMANDS (compose's demo profile)"
  for command in $TOOLS_COMMANDS; do
    path="$(command -v "$command")" || die "$command is not installed"
    specs+=("$path:/usr/bin/$command")
  done
  binaries_rootfs "$rootfs" app 1001 "${specs[@]}"
  ln -s /usr/bin/bash "$rootfs/usr/bin/sh"
  mkdir -p "$rootfs/bin"
  ln -s /usr/bin/bash "$rootfs/bin/bash"
  ln -s /usr/bin/bash "$rootfs/bin/sh"
  install -d -m 0700 "$rootfs/state"
  import_rootfs_with_data "$rootfs" state 1001 "$TOOLS_IMAGE" \
    --change 'ENV PATH=/usr/bin:/bin LANG=C' \
    --change 'USER 1001:1001' \
    --change 'WORKDIR /state' \
    --change 'CMD ["bash"]' \
    --message "bash, curl and the coreutils of this machine, for scripts/demo.sh"
  rm -rf "$work"
  log "$TOOLS_IMAGE: built in $(elapsed_since "$start") ($(image_size "$TOOLS_IMAGE"))"
}

build_node_base_image() {
  needs_build "$NODE_BASE_IMAGE" || return 0
  local start work rootfs node
  start="$(now_ms)"
  work="$(new_workdir)"
  rootfs="$work/rootfs"
  node="$(command -v node)" || die "node is not installed (scripts/lib/provision.sh installs it)."
  log "$NODE_BASE_IMAGE: building from this machine's node $("$node" --version) (none can be pulled here)"
  binaries_rootfs "$rootfs" app 1001 "$node:/usr/bin/node"
  install -d -m 1777 "$rootfs/home/app"
  import_rootfs "$rootfs" "$NODE_BASE_IMAGE" \
    --change 'ENV PATH=/usr/bin:/bin NODE_ENV=production' \
    --change 'USER 1001:1001' \
    --change 'WORKDIR /home/app' \
    --change 'CMD ["node", "--version"]' \
    --message "Debian's node with the libraries it links"
  rm -rf "$work"
  log "$NODE_BASE_IMAGE: built in $(elapsed_since "$start") ($(image_size "$NODE_BASE_IMAGE"))"
}

# --- by name ----------------------------------------------------------------------

build_images() {
  local name
  (($# > 0)) || set -- alpine jre-base
  for name in "$@"; do
    case "$name" in
      alpine | alpine:3.17) build_alpine_image ;;
      jre-base | jre | themepress/jre-base:17) build_jre_base_image ;;
      redis | themepress/redis:7) build_redis_image ;;
      prometheus | themepress/prometheus:2) build_prometheus_image ;;
      tools | themepress/tools:1) build_tools_image ;;
      node-base | node | themepress/node-base:20) build_node_base_image ;;
      all) build_alpine_image && build_jre_base_image && build_redis_image && build_prometheus_image && build_tools_image \
        && build_node_base_image ;;
      *) die "unknown image '$name' (known: alpine, jre-base, redis, prometheus, tools, node-base, all)" ;;
    esac
  done
}

# Run, not sourced: build what the arguments name (both by default).
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  docker_answers || die "no Docker engine answers: run scripts/lib/provision.sh first."
  build_images "$@"
fi
