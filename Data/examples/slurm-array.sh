#!/bin/bash
# Run a Stipple batch as a Slurm job array: each array task runs one deterministic shard.
#
#   sbatch --array=0-3 --export=ALL,STIPPLE=$PWD/.build/release/stipple,INPUT=Data/sweeps/depth-by-skin.yaml,OUT=$PWD/out/sweep \
#          Data/examples/slurm-array.sh
#   # when all tasks are done (sbatch --wait, or squeue empty):
#   stipple merge out/sweep            # → out/sweep/summary.csv, summary.json, errors.csv
#
# `stipple batch` reads SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT itself (shard = task id
# minus the array's first id, of the task count), so the array range alone sets the sharding.
# OUT must be on a file system all nodes share. A task that is killed or pre-empted can simply
# be resubmitted: finished plans are reused, partial ones redone.
#SBATCH --job-name=stipple-batch
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --output=stipple-%A_%a.out
set -euo pipefail
: "${INPUT:?set INPUT to plan files, folders or sweep files (space-separated)}"
: "${OUT:?set OUT to the shared output folder}"
# shellcheck disable=SC2086
exec "${STIPPLE:-stipple}" batch $INPUT --out "$OUT" --jobs "${SLURM_CPUS_PER_TASK:-1}"
