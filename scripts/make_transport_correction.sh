#!/usr/bin/env bash
# Regenerates Data/skin/transport_correction.json: the run-time two-stream's correction toward
# adding–doubling (Sources/MakeTransportCorrection). Run it after changing the skin model
# (Data/skin/model.json), the pigments or the presets; a test declares the table stale when the
# model constants differ. About 3–5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run -c release make-transport-correction Data "$@"
