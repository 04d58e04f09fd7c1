#!/usr/bin/env bash
# Runs the ingest half of the pipeline (Chunker, then FeatureCreator) on the bundled sample:
# three Beijing stations in March 2013. Outputs land in .work/sample/ (chunks, features, their manifests).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.work/sample
mkdir -p "$out"
dotnet build steps/Chunker -c Release --nologo -v quiet
dotnet build steps/FeatureCreator -c Release --nologo -v quiet
dotnet steps/Chunker/bin/Release/net10.0/Pipeline.Steps.Chunker.dll \
  --input samples/beijing-air-quality --output "$out/chunks" --time-zone Asia/Shanghai --quiet
dotnet steps/FeatureCreator/bin/Release/net10.0/Pipeline.Steps.FeatureCreator.dll \
  --input "$out/chunks" --output "$out/features" --quiet
python3 - "$out" <<'PY' 2>/dev/null || cat "$out/features/_manifest.json"
import json, sys
out = sys.argv[1]
chunks = json.load(open(f"{out}/chunks/_manifest.json"))["metrics"]
features = json.load(open(f"{out}/features/_manifest.json"))["metrics"]
print(f"chunker: {chunks['rowsRead']} rows read, {chunks['rowsWritten']} written, {chunks['rowsQuarantined']} quarantined, "
      f"{chunks['rowsDuplicate']} duplicate; {chunks['sensors']} sensors x {chunks['days']} days")
print(f"features: shapes {features['shapes']}")
print(f"          memory {features['memory']}")
print(f"outputs in {out}/chunks and {out}/features")
PY
