#!/usr/bin/env bash
# Did a change make things slower? Runs the same bench suite on an earlier commit and on this checkout, alternately
# (A B A B ...), on one machine in one command, so load from other work falls on both alike:
#   bash scripts/bench-compare.sh REV [ROUNDS] -- SUITE [bench options]
#   bash scripts/bench-compare.sh 5b0a4eb 2 -- api --rate 200 --seconds 10
# Prints each run's table rows with the commit in front; the logs stay in $BENCH_COMPARE_DIR (default /tmp/bench-compare).
# BENCH_COMPARE_PICK="sha ..." applies build-only fixes to the old commit first (for example a package pin that the
# registry now needs: a6738e3).
set -euo pipefail
base=${1:?usage: bench-compare.sh REV [ROUNDS] -- SUITE [options]}
shift
rounds=2
if [[ ${1:-} != "--" ]]; then rounds=${1:?}; shift; fi
[[ ${1:-} == "--" ]] || { echo "usage: bench-compare.sh REV [ROUNDS] -- SUITE [options]" >&2; exit 2; }
shift
root=$(git rev-parse --show-toplevel)
out=${BENCH_COMPARE_DIR:-/tmp/bench-compare}
tree="$out/base-$(git rev-parse --short "$base")"
mkdir -p "$out"
if [[ ! -d $tree ]]; then
  git -C "$root" worktree add --detach "$tree" "$base" >/dev/null
  for pick in ${BENCH_COMPARE_PICK:-}; do git -C "$tree" cherry-pick --no-commit "$pick" >/dev/null; done
fi
build() { dotnet build "$1/bench/BmoLearning.Bench" -c Release -v q -nologo >"$out/build-$2.log" 2>&1 || { tail -20 "$out/build-$2.log"; exit 1; }; }
build "$tree" base
build "$root" head
label_head="head ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+changes'))"
for round in $(seq 1 "$rounds"); do
  for side in base head; do
    dir=$([[ $side == base ]] && echo "$tree" || echo "$root")
    label=$([[ $side == base ]] && echo "base ($(git -C "$tree" rev-parse --short HEAD)${BENCH_COMPARE_PICK:+ + $BENCH_COMPARE_PICK})" || echo "$label_head")
    log="$out/run-$round-$side.log"
    (cd "$dir" && dotnet "bench/BmoLearning.Bench/bin/Release/net10.0/BmoLearning.Bench.dll" "$@" >"$log" 2>&1) || { echo "run $round $side failed: $log" >&2; tail -20 "$log" >&2; exit 1; }
    grep '^|' "$log" | grep -v '^|---' | sed "s/^/round $round, $label /"
  done
done
