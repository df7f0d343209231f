#!/usr/bin/env bash
# Runs every test project. On a fresh machine it first installs the real peers the integration
# tests drive (Debian packages) and builds the solution. Under CI=true a missing peer fails the
# tests that need it instead of skipping them.
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

PEER_PACKAGES=(python3-jupyter-client python3-nbclient python3-nbformat jupyter-console python3-ipykernel python3-botocore
               python3-jupyter-kernel-test snmpsim snmpd snmp mariadb-server tmux chromium git-secrets)
# The .NET Interactive kernel (a peer for the Polyglot tests and benchmarks) goes into a tool path
# inside the checkout, never into the user's global tools.
DOTNET_INTERACTIVE_VERSION=1.0.712001
export OPS_TEST_TOOLS="${OPS_TEST_TOOLS:-$PWD/.tools}"

missing_peers() {
  local m=()
  command -v snmpsimd >/dev/null || m+=(snmpsim)
  command -v snmpbulkwalk >/dev/null || m+=(snmp)
  [ -x /usr/sbin/snmpd ] || m+=(snmpd)
  [ -x /usr/sbin/mariadbd ] || m+=(mariadb-server)
  command -v tmux >/dev/null || m+=(tmux)
  command -v jupyter-console >/dev/null || m+=(jupyter-console)
  command -v chromium >/dev/null || m+=(chromium)
  command -v git-secrets >/dev/null || m+=(git-secrets)
  /usr/bin/python3 -c 'import jupyter_client, nbclient, ipykernel' 2>/dev/null \
    || m+=(python3-jupyter-client python3-nbclient python3-ipykernel)
  /usr/bin/python3 -c 'import jupyter_kernel_test' 2>/dev/null || m+=(python3-jupyter-kernel-test)
  /usr/bin/python3 -c 'import botocore' 2>/dev/null || m+=(python3-botocore)
  echo "${m[*]:-}"
}

missing="$(missing_peers)"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing test peers (missing: $missing)" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Wait (bounded) for another apt run to release its lock rather than giving up at once.
    apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
    apt-get "${apt_opts[@]}" update >/tmp/ops-apt-update.log 2>&1 \
      || echo "test.sh: apt-get update failed, see /tmp/ops-apt-update.log" >&2
    apt-get "${apt_opts[@]}" install -y --no-install-recommends "${PEER_PACKAGES[@]}" >/tmp/ops-apt-install.log 2>&1 \
      || echo "test.sh: apt-get install failed, see /tmp/ops-apt-install.log" >&2
  fi
  missing="$(missing_peers)"
  [ -z "$missing" ] || echo "test.sh: PEERS MISSING: $missing; their tests skip (and fail under CI=true)" >&2
fi

if [ ! -x "$OPS_TEST_TOOLS/dotnet-interactive" ]; then
  echo "test.sh: installing Microsoft.dotnet-interactive $DOTNET_INTERACTIVE_VERSION into $OPS_TEST_TOOLS" >&2
  dotnet tool install Microsoft.dotnet-interactive --version "$DOTNET_INTERACTIVE_VERSION" --tool-path "$OPS_TEST_TOOLS" \
    >/tmp/ops-tool-install.log 2>&1 \
    || echo "test.sh: PEER MISSING: dotnet-interactive (see /tmp/ops-tool-install.log); its tests skip (and fail under CI=true)" >&2
fi

echo "test.sh: building" >&2
if ! dotnet build Interactive.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2; then
  echo "test.sh: build failed" >&2; echo "0 passed, 1 failed"; exit 1
fi

passed=0; failed=0; skipped=0; status=0
for project in tests/*.Tests/*.Tests.csproj; do
  log=$(mktemp)
  echo "test.sh: testing $project" >&2
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log" \
    | awk '/^[[:space:]]+(Failed|Skipped) |^(Passed|Failed)!|^[[:space:]]+at /{print; next}
           /Error Message/{print; msg=3; next}  # and the message itself, up to the stack trace
           /Stack Trace/{msg=0}
           msg>0{print; msg--}' | head -n 400
  rc=${PIPESTATUS[0]}
  line=$(grep -E '(Passed|Failed)!' "$log" | tail -n 1)
  if [ -z "$line" ] && grep -q "No test is available" "$log"; then
    echo "test.sh: $project has no tests" >&2
  elif [ -z "$line" ]; then
    echo "test.sh: $project produced no summary (rc=$rc)" >&2; tail -n 40 "$log" >&2; failed=$((failed + 1)); status=1
  else
    f=$(sed -E 's/.*Failed:\s*([0-9]+).*/\1/' <<<"$line"); p=$(sed -E 's/.*Passed:\s*([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped:\s*([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$rc" = 0 ] || status=1
  fi
  rm -f "$log"
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
