#!/usr/bin/env bash
# Runs every test: builds the solution, runs each test project (and, once present, the Courier SDK test), runs the
# storage-dependent tests once more on a private PostgreSQL cluster, and ends with one plain line "N passed, N failed".
# Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIGURATION=Release
RESULTS="$PWD/TestResults"
passed=0
failed=0

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Browser tests drive Debian's Chromium.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (apt)..."
  export DEBIAN_FRONTEND=noninteractive
  if ! { as_root apt-get update -qq && as_root apt-get install -y -qq chromium >/dev/null; }; then
    echo "Could not install chromium with apt."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# A private PostgreSQL cluster for the tests on PostgreSQL (installed with apt when missing), stopped on exit.
PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nops-pg.XXXXXX")
chmod 755 "$PG_DIR"   # the server runs as 'postgres' when this script runs as root
stop_postgres() { scripts/postgres-cluster.sh stop "$PG_DIR/cluster"; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
if ! NOPS_TEST_POSTGRES=$(scripts/postgres-cluster.sh start "$PG_DIR/cluster"); then
  echo "Could not start a PostgreSQL cluster."
  echo "0 passed, 1 failed"
  exit 1
fi
export NOPS_TEST_POSTGRES

if ! dotnet build NotificationOps.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# The storage-dependent tests run a second time with every fixture database on PostgreSQL (NOPS_TEST_PROVIDER).
# SQLite-only tests (plans, pragmas, WAL) pin SQLite and are left out of that pass; so is the two-instance test,
# which is on PostgreSQL in the first pass already.
PG_FILTER='FullyQualifiedName~.Persistence.|FullyQualifiedName~.Messages.|FullyQualifiedName~.Sending.|FullyQualifiedName~.Jobs.|FullyQualifiedName~.Tracking.|FullyQualifiedName~.Retention.|FullyQualifiedName~.Operations.|FullyQualifiedName~.Simulated.|FullyQualifiedName~ApiKeyServiceTests|FullyQualifiedName~IdempotencyTests|FullyQualifiedName~SendApiTests|FullyQualifiedName~MessagesApiTests|FullyQualifiedName~.Components.Pages.Audiences.|FullyQualifiedName~.Components.Pages.Lists.'
PG_EXCLUDE='&FullyQualifiedName!~MessageQueryPlanTests&FullyQualifiedName!~WalCheckpointerTests&FullyQualifiedName!~WriteTransactionTests&FullyQualifiedName!~TwoInstancesTests&FullyQualifiedName!~CrashBurstTests&FullyQualifiedName!~.Browser.'

for run in Engine.Tests Dashboard.Tests Engine.Tests@postgresql Dashboard.Tests@postgresql; do
  project=${run%@*}
  provider=sqlite; filter=()
  if [ "$run" != "$project" ]; then
    provider=postgresql
    filter=(--filter "($PG_FILTER)$PG_EXCLUDE")
  fi
  echo "== $project ($provider)"
  trx="$RESULTS/$project.$provider.trx"
  NOPS_TEST_PROVIDER=$provider dotnet test "$project" -c "$CONFIGURATION" --no-build -nologo "${filter[@]}" \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" 2>&1 \
    | awk '/^  Failed NotificationOps/ { n = 14 } n > 0 { print; n-- } /^Total tests|^(Passed|Failed)!/ { print }' || true
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=${p:-0}; f=${f:-0}
    # Tests that never ran (a crashed test host) count as failures.
    if [ -n "${total:-}" ] && [ -n "${executed:-}" ] && [ "$executed" -lt "$total" ]; then
      f=$((f + total - executed))
    fi
    # A host that crashed or a run that was aborted fails the run even when every test it reported passed: the
    # tests it had not reached yet are not in the counters at all.
    if aborted=$(grep -o 'The active test run was aborted[^<]*' "$trx" | head -1) && [ -n "$aborted" ]; then
      echo "$project ($provider): $aborted"
      f=$((f + 1))
    fi
    passed=$((passed + p))
    failed=$((failed + f))
  else
    echo "$project produced no results (the test host crashed?)."
    failed=$((failed + 1))
  fi
done

# The Courier SDK compatibility test (node), when present.
if [ -f sdk-test/package.json ]; then
  echo "== sdk-test"
  if (cd sdk-test && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    sdk_out=$(cd sdk-test && CONFIGURATION="$CONFIGURATION" node --test 2>&1)
    echo "$sdk_out" | grep -E '^# (pass|fail)|^not ok|^ok' || true
    p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' <<<"$sdk_out" | tail -1)
    f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' <<<"$sdk_out" | tail -1)
    if [ -z "$p" ]; then echo "$sdk_out" | tail -30; f=$((${f:-0} + 1)); fi
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  else
    echo "npm ci failed in sdk-test."
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
