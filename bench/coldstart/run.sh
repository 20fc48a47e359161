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
for f in ${FUNCTIONS//,/ }; do
  rm -rf "$OUT/$f" && mkdir -p "$OUT/$f"
  logical="${f}Function"
  echo "building $f (native, $RID)" >&2
  make --no-print-directory --makefile "functions/$f/Makefile" "build-$logical" ARTIFACTS_DIR="$PWD/$OUT/$f" RUNTIME_ID="$RID" >&2
done

# 2. The AWS side: the local runner (moto with the stack's resources, seeds, Cost Explorer) on free ports.
dotnet build bench/Steward.Benchmarks -c Release --nologo -v q >&2
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MOTO=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LOG="$OUT/runner.log"
STEWARD_API_KEYS=bench:bench-key dotnet run --project tools/Steward.Local -c Release --no-build -- --port "$PORT" --moto-port "$MOTO" >"$LOG" 2>&1 &
RUNNER=$!
trap 'kill -INT $RUNNER 2>/dev/null; wait $RUNNER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q '\[steward-local\] ready' "$LOG" && break; kill -0 $RUNNER 2>/dev/null || { cat "$LOG" >&2; exit 1; }; sleep 1; done
grep -q '\[steward-local\] ready' "$LOG" || { echo "the runner did not start" >&2; tail -20 "$LOG" >&2; exit 1; }

# 3. The alternating run.
dotnet bench/Steward.Benchmarks/bin/Release/net10.0/Steward.Benchmarks.dll coldstart --port "$PORT" --rounds "$ROUNDS" \
  --bootstraps "$OUT" --functions "$FUNCTIONS" --api-key bench:bench-key --json "$OUT/coldstart.json"
echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version); $(python3 -c 'import boto3,sys; print("Python", sys.version.split()[0], "boto3", boto3.__version__)')"
