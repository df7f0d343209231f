#!/usr/bin/env bash
# Publishes the fastest-starting ops: self-contained, ReadyToRun composite (runtime and Roslyn
# precompiled together), into DIR (default ~/.local/ops). Then: DIR/ops jupyter install --user
set -euo pipefail
cd "$(dirname "$0")"
dir="${1:-$HOME/.local/ops}"
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
dotnet publish kernel/Ops.Kernel.csproj -c Release -r "${rid:-linux-x64}" --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$dir" -nologo -v quiet
echo "published $dir/ops ($(du -sh "$dir" | cut -f1)); next: $dir/ops jupyter install --user"
