#!/usr/bin/env bash
# Runs a mode of bench/Steward.Benchmarks against a local runner started for it (moto with template.yaml's resources, the
# seeds, the local Cost Explorer) on free ports, and stops the runner after, whatever happened.
#   bench/with-runner.sh MODE [ARGS...]     (the mode gets --port PORT and --api-key bench:bench-key first)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=$1; shift
OUT=.bench/$MODE
mkdir -p "$OUT"
dotnet build bench/Steward.Benchmarks -c Release --nologo -v q >&2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port); MOTO=$(free_port)
LOG="$OUT/runner.log"
# The runner's own process (not dotnet run's), stopped with SIGTERM: a background job of a script ignores SIGINT, and the
# runner stops on SIGTERM as on Ctrl+C (its functions and moto with it).
STEWARD_API_KEYS=bench:bench-key dotnet tools/Steward.Local/bin/Release/net10.0/Steward.Local.dll --port "$PORT" --moto-port "$MOTO" >"$LOG" 2>&1 &
RUNNER=$!
trap 'kill -TERM $RUNNER 2>/dev/null; wait $RUNNER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q '\[steward-local\] ready' "$LOG" && break; kill -0 $RUNNER 2>/dev/null || { cat "$LOG" >&2; exit 1; }; sleep 1; done
grep -q '\[steward-local\] ready' "$LOG" || { echo "the runner did not start" >&2; tail -20 "$LOG" >&2; exit 1; }
dotnet bench/Steward.Benchmarks/bin/Release/net10.0/Steward.Benchmarks.dll "$MODE" --port "$PORT" --api-key bench:bench-key "$@"
echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version); $(python3 -c 'import boto3,sys; print("Python", sys.version.split()[0], "boto3", boto3.__version__)')"
