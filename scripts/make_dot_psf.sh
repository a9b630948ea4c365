#!/usr/bin/env bash
# Regenerates the dot point-spread table (Data/skin/dot_psf.json + dot_psf.bin) from the 3-D
# column Monte Carlo, for every skin preset in Data/skin/presets.json. Run it after changing the
# skin model (Data/skin/model.json) or refitting the presets: the engine refuses a stale table.
# About 10–20 minutes on 2 cores at the default 200,000 photons per skin and band.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run -c release make-dot-psf Data "$@"
