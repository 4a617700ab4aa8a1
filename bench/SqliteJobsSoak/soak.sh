#!/usr/bin/env bash
# Soak of Jobs:Storage=sqlite (issue 19 item 3c): sends for MINUTES while the app is killed with SIGKILL every
# KILL_EVERY seconds and started again at once; then waits for the work to finish and checks that no accepted
# message was lost, that messages sent twice are no more than the work in flight at the kills, and that
# PRAGMA integrity_check is ok on the database and on the job file. A script, not a test: run it by hand.
#   dotnet build Dashboard -c Release && bench/SqliteJobsSoak/soak.sh [minutes=20] [kill-every-seconds=120] [senders=4]
set -euo pipefail
minutes=${1:-20}
kill_every=${2:-120}
senders=${3:-4}
root=$(cd "$(dirname "$0")/../.." && pwd)
dll=$root/Dashboard/bin/Release/net10.0/NotificationOps.Dashboard.dll
[ -f "$dll" ] || { echo "Build the dashboard in Release first: $dll" >&2; exit 1; }
dir=$(mktemp -d /tmp/nops-soak.XXXX)
db=$dir/notifications.db
jobs=$dir/notifications.jobs.db
key=nops_soak_key_0123456789abcdef
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
app=
echo "soak: $minutes min, SIGKILL every $kill_every s, $senders senders, files in $dir"

start_app() {
  env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Notifications="Data Source=$db" Jobs__Storage=sqlite \
    Bootstrap__ApiKey=$key Providers__simulated-email__DeliveryDelayMs=200 Logging__LogLevel__Default=Warning \
    dotnet "$dll" --urls "$url" >>"$dir/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health" 2>/dev/null)" != 000 ] && return 0
    kill -0 "$app" 2>/dev/null || { echo "the app exited at start; see $dir/app.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the app did not answer within 120 s" >&2; exit 1
}

in_flight() {
  sqlite3 "file:$db?mode=ro" "SELECT (SELECT COUNT(*) FROM DeliveryAttempts WHERE Outcome = 0) + (SELECT COUNT(*) FROM Messages WHERE LeaseUntil IS NOT NULL);" 2>/dev/null || echo 0
}

sender() { # one loop of requests; accepted request ids go to accepted.N
  local n=$1 i=0 body out
  while [ ! -f "$dir/stop" ]; do
    i=$((i + 1))
    body="{\"message\":{\"to\":{\"email\":\"soak$n-$i@example.com\"},\"content\":{\"title\":\"Hi\",\"body\":\"Soak $n-$i\"},\"routing\":{\"method\":\"single\",\"channels\":[\"email\"]}}}"
    out=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" "$url/api/send" 2>/dev/null || true)
    if [ "${out##*$'\n'}" = 202 ]; then
      echo "${out%$'\n'*}" | sed -E 's/.*"requestId":"([^"]+)".*/\1/' >>"$dir/accepted.$n"
    else
      sleep 0.2 # the app is down (killed, starting): try again
    fi
  done
}

start_app
pids=()
for n in $(seq 1 "$senders"); do sender "$n" & pids+=($!); done
end=$(( $(date +%s) + minutes * 60 ))
kills=0
inflight_total=0
while [ "$(date +%s)" -lt "$end" ]; do
  sleep "$kill_every"
  [ "$(date +%s)" -lt "$end" ] || break
  inflight=$(in_flight)
  kill -9 "$app"; wait "$app" 2>/dev/null || true
  kills=$((kills + 1)); inflight_total=$((inflight_total + inflight))
  echo "$(date -u +%T) kill $kills: $inflight attempts/leases in flight; $(cat "$dir"/accepted.* 2>/dev/null | wc -l) accepted so far"
  start_app
done
touch "$dir/stop"; wait "${pids[@]}" 2>/dev/null || true
cat "$dir"/accepted.* | sort -u >"$dir/accepted"
accepted=$(wc -l <"$dir/accepted")
sqlite3 "$dir/ids.db" "CREATE TABLE a(id TEXT PRIMARY KEY);" && sqlite3 "$dir/ids.db" ".import $dir/accepted a"
finished="SELECT COUNT(*) FROM a WHERE id NOT IN (SELECT RequestId FROM m.Messages WHERE Status IN (2,3,4,10,11))"
for _ in $(seq 1 600); do
  left=$(sqlite3 "$dir/ids.db" "ATTACH 'file:$db?mode=ro' AS m; $finished;")
  [ "$left" -eq 0 ] && break
  sleep 1
done
kill "$app"; wait "$app" 2>/dev/null || true
lost=$(sqlite3 "$dir/ids.db" "ATTACH 'file:$db?mode=ro' AS m; SELECT COUNT(*) FROM a WHERE id NOT IN (SELECT RequestId FROM m.Messages WHERE Status IN (2,3,4));")
failed=$(sqlite3 "$db" "SELECT COUNT(*) FROM Messages WHERE Status >= 10;")
twice=$(sqlite3 "$db" "SELECT COUNT(*) FROM (SELECT MessageId FROM DeliveryAttempts GROUP BY MessageId HAVING COUNT(*) > 1);")
resent=$(sqlite3 "$db" "SELECT COUNT(DISTINCT MessageId) FROM MessageEvents WHERE Type = 'RESENT_AFTER_CRASH';")
total=$(sqlite3 "$db" "SELECT COUNT(*) FROM Messages;")
check_db=$(sqlite3 "$db" "PRAGMA integrity_check;")
check_jobs=$(sqlite3 "$jobs" "PRAGMA integrity_check;")
echo "accepted: $accepted (messages stored, with requests cut off by a kill: $total); kills: $kills"
echo "lost (accepted, not DELIVERED): $lost; undeliverable/unroutable: $failed"
echo "sent more than once: $twice (resent after a crash: $resent); in flight at the kills, summed: $inflight_total"
echo "integrity_check: database $check_db, job file $check_jobs"
[ "$lost" -eq 0 ] && [ "$twice" -le "$inflight_total" ] && [ "$check_db" = ok ] && [ "$check_jobs" = ok ] \
  && { echo "PASS"; rm -rf "$dir"; } || { echo "FAIL (files kept in $dir)"; exit 1; }
