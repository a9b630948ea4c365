#!/usr/bin/env bash
# Integration test on a real Slurm: installs and starts a single-node cluster on this machine
# (munge, slurmctld, slurmd; all traffic on 127.0.0.1), submits Data/examples/slurm-array.sh
# over a sweep as a 4-task job array, waits, merges the shards, and checks that the merged
# summary is byte-identical to a single-process run. Needs root (it configures Slurm).
# Usage: Tests/integration/slurm.sh [path/to/stipple]   (default: builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
if [ "$(id -u)" -ne 0 ]; then echo "slurm.sh: needs root to configure Slurm" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
    apt-get update && apt-get install -y slurmctld slurmd slurm-client munge
fi
stipple=${1:-}
if [ -z "$stipple" ]; then
    swift build -c release --product stipple >/dev/null
    stipple=$repo/.build/release/stipple
fi
host=$(hostname)
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
work=$(mktemp -d /tmp/stipple-slurm.XXXXXX)
mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=stipple-test
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem} State=UNKNOWN
PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
# Stop anything left from an earlier run, then start munge, the controller and the node daemon.
pkill -x slurmctld 2>/dev/null || true
pkill -x slurmd 2>/dev/null || true
pkill -x munged 2>/dev/null || true
sleep 1
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
su -s /bin/sh munge -c "/usr/sbin/munged" || /usr/sbin/munged --force
slurmctld -c -i
slurmd -c
cleanup() { pkill -x slurmd || true; pkill -x slurmctld || true; pkill -x munged || true; }
trap cleanup EXIT
for _ in $(seq 1 90); do
    state=$(sinfo -h -o %T 2>/dev/null | head -1 || true)
    [ "$state" = "idle" ] && break
    sleep 1
done
[ "$(sinfo -h -o %T | head -1)" = "idle" ] || { echo "slurm.sh: node never became idle" >&2; sinfo >&2; tail -20 /var/log/slurm/*.log >&2; exit 1; }
echo "slurm.sh: cluster up ($(sinfo -h -o '%N %c CPUs %T'))"

sweep=Data/sweeps/depth-by-skin.yaml
"$stipple" batch "$sweep" --out "$work/single" --quiet
sbatch --wait --array=0-3 --chdir="$repo" --output="$work/slurm-%A_%a.out" \
    --export=ALL,STIPPLE="$stipple",INPUT="$sweep",OUT="$work/sharded" \
    Data/examples/slurm-array.sh
"$stipple" merge "$work/sharded" --out "$work/merged"
for f in summary.csv errors.csv; do
    cmp "$work/single/$f" "$work/merged/$f" || { echo "slurm.sh: $f differs from the single-process run" >&2; exit 1; }
done
# summary.json records its provenance; the command line that made it differs by design (one
# `batch` against the array's `batch --shard`s), so it is set aside before the two are compared.
without_command() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["provenance"]["command"] = ""; print(json.dumps(d, sort_keys=True))' "$1"; }
[ "$(without_command "$work/single/summary.json")" = "$(without_command "$work/merged/summary.json")" ] \
    || { echo "slurm.sh: summary.json differs from the single-process run (beyond its provenance command)" >&2; exit 1; }
echo "slurm.sh: 4 Slurm array tasks merged equal the single-process run ($(($(wc -l < "$work/merged/summary.csv") - 1)) plans)"
rm -rf "$work"
