#!/usr/bin/env bash
# Publishes ops self-contained and precompiled as one ReadyToRun composite (runtime, Roslyn and
# ops in one image) into DIR (default ~/.local/ops): the same build `dotnet tool install` gives on
# linux-x64, for machines where .NET tools are not wanted. Then: DIR/ops jupyter install --user
set -euo pipefail
cd "$(dirname "$0")"
dir="${1:-$HOME/.local/ops}"
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
rid="${rid:-linux-x64}"
start=$SECONDS
echo "publish.sh: restore, build, then the ReadyToRun composite of the runtime, Roslyn and ops for $rid into $dir (the composite compile takes a few minutes on 2 cores)"
dotnet publish kernel/Ops.Kernel.csproj -c Release -r "$rid" --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$dir" -nologo -v minimal -clp:NoSummary
echo "publish.sh: published $dir/ops ($(du -sh "$dir" | cut -f1)) in $((SECONDS - start)) s; next: $dir/ops jupyter install --user"
