#!/usr/bin/env bash
# Trains the LST/LSE teachers and students of the input settings and copies the best models to
# models/defaults/ (npm run train:defaults). Resumable: every run lives in runs/<experiment>/ and
# `rskd distill --resume` skips finished cells and resumes a teacher from its last epoch; run it
# again after an interruption. Two lanes run side by side (one per core); logs in runs/*.log.
#
#   bash scripts/train-defaults.sh              # every setting: fast pass, then full experiments
#   bash scripts/train-defaults.sh aster-tir    # only the named settings
#   bash scripts/train-defaults.sh --export     # only copy the best finished models
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p runs

run_experiment() {
  local experiment="experiments/$1.yaml"
  echo "== $(date -u +%FT%TZ) $experiment" >&2
  npx tsx scripts/lst-dataset.ts "$experiment"
  node bin/rskd.mjs distill "$experiment" --out "runs/$1" --resume
}

# Copies the best finished models; the JSON is formatted as the repository's format check wants.
export_defaults() {
  npx tsx scripts/export-defaults.ts runs models/defaults
  npx prettier --write models/defaults --log-level warn
}

lane() {
  local name="$1"
  shift
  for experiment in "$@"; do
    run_experiment "$experiment" >>"runs/$name.log" 2>&1 || echo "lane $name: $experiment failed" >&2
    export_defaults >>"runs/$name.log" 2>&1 || true
  done
}

if [[ "${1:-}" == "--export" ]]; then
  export_defaults
  exit 0
fi

settings=("$@")
if [[ ${#settings[@]} -eq 0 ]]; then
  settings=(aster-tir landsat-b10-b11-wv-ndvi landsat-b10-ndvi modis-31-32 landsat-b10-wv-ndvi)
fi
# Lane A: the even-numbered settings, lane B: the odd ones; fast passes before full runs.
lane_a=()
lane_b=()
for i in "${!settings[@]}"; do
  if ((i % 2 == 0)); then lane_a+=("${settings[$i]}-fast"); else lane_b+=("${settings[$i]}-fast"); fi
done
for i in "${!settings[@]}"; do
  if ((i % 2 == 0)); then lane_a+=("${settings[$i]}"); else lane_b+=("${settings[$i]}"); fi
done
lane a "${lane_a[@]}" &

if [[ ${#lane_b[@]} -gt 0 ]]; then lane b "${lane_b[@]}" & fi
wait
export_defaults
