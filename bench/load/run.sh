#!/usr/bin/env bash
# A bounded load run against the local runner (bench/Steward.Benchmarks/LoadRun.cs says what it sends and checks).
# Figures: docs/performance.md.
#
#   bench/load/run.sh [REQUESTS] [OBJECTS] [CONCURRENCY]     e.g.  bench/load/run.sh 20000 1000 64   or   bench/load/run.sh 2000 200
set -euo pipefail
cd "$(dirname "$0")/../.."
bench/with-runner.sh load --requests "${1:-20000}" --objects "${2:-1000}" --concurrency "${3:-64}"
