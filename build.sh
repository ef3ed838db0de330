#!/usr/bin/env bash
# Builds the importable solution: the .NET projects (the SDK subset, the signed net462 plug-in assembly, the
# emulator and the apx tool), the web resources, then the offline solution check and both zips in out/:
#   out/AccountPlanXrm_<version>.zip          unmanaged (version with underscores, e.g. 1_0_0_0, as exports name it)
#   out/AccountPlanXrm_<version>_managed.zip  managed
#   out/AccountPlanXrm_templates_data.zip     the two seed plan templates (Configuration Migration data package)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

echo "== .NET build (Release)"
dotnet build AccountPlanXrm.sln -c Release --nologo -v q

echo "== web resources"
(cd WebResources && npm ci --no-audit --no-fund --loglevel=error && npm run build)

apx=(dotnet Tools/bin/Release/net10.0/apx.dll)
echo "== solution check"
"${apx[@]}" check --src Solution/src

echo "== pack"
"${apx[@]}" pack --src Solution/src \
  --plugin Plugins/bin/Release/net462/AccountPlanXrm.Plugins.dll \
  --webresources WebResources/dist \
  --out out
"${apx[@]}" seed-package --out out
ls -l out/*.zip
