#!/usr/bin/env bash
# The main job: builds ops and executes every versioned notebook in notebooks/ on its bundled
# data, writing the executed notebooks and an HTML export of each into out/.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build kernel/Ops.Kernel.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet kernel/bin/Release/net10.0/ops.dll run notebooks "$@"
