#!/usr/bin/env bash
# Builds the reference stack's Docker image without any registry:
#   1. a base image imported from scratch: node + the libraries ldd lists (for node and
#      better-sqlite3's native module) + static busybox (sh, wget for healthchecks);
#   2. the app image FROM that base: the built reference stack and its production dependencies.
# One image runs any of the four services (`docker run IMAGE rag|embedding|llm|vectorDb`).
#
# Usage: apps/reference-stack/docker/build-images.sh [image-tag]
#   image-tag  Default: rag-validate/reference-stack:0.1.0 (also REFSTACK_IMAGE)
# Environment: REFSTACK_BASE_IMAGE (default rag-validate/node-base:<node version>),
#              REFSTACK_SKIP_BUILD=1 to reuse an existing dist/ instead of running `npm run build`.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
IMAGE="${1:-${REFSTACK_IMAGE:-rag-validate/reference-stack:0.1.0}}"
NODE_BIN="$(readlink -f "$(command -v node)")"
NODE_VERSION="$("$NODE_BIN" -p 'process.versions.node')"
BASE_IMAGE="${REFSTACK_BASE_IMAGE:-rag-validate/node-base:$NODE_VERSION}"
BUSYBOX="$(command -v busybox || true)"
export DOCKER_BUILDKIT=0

log() { printf '[build-images] %s\n' "$*" >&2; }
[[ -n "$BUSYBOX" ]] || { log "busybox not found (apt-get install busybox-static)"; exit 2; }
docker info >/dev/null 2>&1 || { log "no Docker engine answers (start dockerd first)"; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/refstack-image-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [[ "${REFSTACK_SKIP_BUILD:-0}" != "1" ]]; then
  log "building TypeScript (npm run build)"
  (cd "$REPO" && npm run --silent build >&2)
fi

log "collecting runtime files"
node "$HERE/collect-runtime.mjs" "$REPO" "$WORK/context" >&2
SQLITE_ADDON="$(find "$WORK/context/app/node_modules/better-sqlite3" -name '*.node' -path '*Release*' | head -1)"
[[ -n "$SQLITE_ADDON" ]] || { log "better-sqlite3 native module not found (was it built by npm ci?)"; exit 2; }

if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "base image $BASE_IMAGE exists"
else
  log "importing base image $BASE_IMAGE from scratch"
  ROOTFS="$WORK/rootfs"
  mkdir -p "$ROOTFS/bin" "$ROOTFS/usr/bin" "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/data/files"
  chmod 1777 "$ROOTFS/tmp"
  chown -R 1000:1000 "$ROOTFS/data"
  cp "$NODE_BIN" "$ROOTFS/usr/bin/node"
  for lib in $( (ldd "$NODE_BIN"; ldd "$SQLITE_ADDON") | grep -oE '/[^ ]+\.so[^ ]*' | sort -u); do
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
  done
  cp "$BUSYBOX" "$ROOTFS/bin/busybox"
  for applet in sh ls cat wget ps kill sleep mkdir rm env; do ln -sf busybox "$ROOTFS/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/app:/bin/sh\n' > "$ROOTFS/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' > "$ROOTFS/etc/group"
  tar -C "$ROOTFS" -c . | docker import --change 'ENV PATH=/usr/bin:/bin' - "$BASE_IMAGE" >/dev/null
fi

cp "$HERE/Dockerfile" "$WORK/context/Dockerfile"
log "building $IMAGE FROM $BASE_IMAGE"
docker build --quiet --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$IMAGE" "$WORK/context" >&2
log "done: $IMAGE"
echo "$IMAGE"
