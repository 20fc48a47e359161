#!/usr/bin/env bash
# Cold starts of Steward's four functions against moto, beside the original Python GuardDuty handler, in one alternating
# run (bench/Steward.Benchmarks/ColdStart.cs says how each run is made and measured). Figures: docs/performance.md.
#
#   bench/coldstart/run.sh [ROUNDS] [FUNCTIONS]     e.g.  bench/coldstart/run.sh 20    or    bench/coldstart/run.sh 3 GuardDutyResponder
#
# Needs: the .NET SDK, moto_server, python3 with boto3 (Debian: python3-boto3), GNU time (/usr/bin/time), make.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-20}
FUNCTIONS=${2:-GuardDutyResponder,InstanceRequests,CostSnapshots,StorageHooks}
OUT=.bench/coldstart
RID=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
mkdir -p "$OUT"

# 1. Each bootstrap exactly as sam build makes it (functions/publish.mk), for this machine's architecture.
# With STEWARD_REUSE_BOOTSTRAPS=1 a bootstrap already in $OUT is used as it is: .ci/run's native build test leaves each one
# there (STEWARD_NATIVE_BUILDS), built and checked from the same sources a minute before; by hand, leave it unset.
for f in ${FUNCTIONS//,/ }; do
  if [ "${STEWARD_REUSE_BOOTSTRAPS:-}" = 1 ] && [ -x "$OUT/$f/bootstrap" ]; then
    echo "using $OUT/$f/bootstrap, built by the native build test of this run" >&2
    continue
  fi
  rm -rf "$OUT/$f" && mkdir -p "$OUT/$f"
  logical="${f}Function"
  echo "building $f (native, $RID)" >&2
  make --no-print-directory --makefile "functions/$f/Makefile" "build-$logical" ARTIFACTS_DIR="$PWD/$OUT/$f" RUNTIME_ID="$RID" >&2
done

# 2. The alternating run, against a runner (the AWS side) started for it.
bench/with-runner.sh coldstart --rounds "$ROUNDS" --bootstraps "$OUT" --functions "$FUNCTIONS" --json "$OUT/coldstart.json"
