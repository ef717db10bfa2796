#!/usr/bin/env bash
# 信息报送 at city scale (issue 21): an editor's inbox and the year's ranking over a year of 信息 from every unit, timed
# over HTTP.
#
#   benchmarks/reports_city.sh ZHENGTONG_BINARY DATABASE_URL [PORT] [UNITS] [REPORTS]
#
# DATABASE_URL is a FRESH database (sqlite:///tmp/x/run.sqlite or postgres://…). The script fills it with
# `zhengtong reports-benchmark fill` (UNITS reporting units, default 300; REPORTS 信息 over the last year, default
# 60000: 7 in 10 adopted, 1 returned, 2 waiting), starts `serve`, signs the editor in (token and page session) and
# asks five times each for: the inbox's first page (waiting only, and all), the inbox page, the year's ranking (API
# and page) and its XLSX; prints curl's status and total time, then checks the ranking's sum against the database.
set -euo pipefail
BIN="$1"; DATABASE="$2"; PORT="${3:-8098}"; UNITS="${4:-300}"; REPORTS="${5:-60000}"
PASSWORD="Zhengtong@2026"
WORK=$(mktemp -d)
export DATABASE_URL="$DATABASE" ZHENGTONG_DATA_DIR="$WORK" ZHENGTONG_BACKUP_DIR=off
/usr/bin/time -f "fill: %e s, peak %M KB" "$BIN" reports-benchmark fill --units "$UNITS" --reports "$REPORTS"
"$BIN" serve --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
sleep "${SETTLE:-10}"
TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"bench-editor\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PORT/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH="Authorization: Bearer $TOKEN"
JAR="$WORK/cookies"
CSRF=$(curl -fsS -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -sS -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" --data-urlencode username=bench-editor --data-urlencode "password=$PASSWORD" "http://127.0.0.1:$PORT/login"
YEAR=$(TZ=Asia/Shanghai date +%Y)
B="http://127.0.0.1:$PORT"
for what in "inbox, waiting, first 50 (API)|-H|$AUTH|$B/api/v1/reports?view=inbox&open=true" \
            "inbox, all, first 50 (API)|-H|$AUTH|$B/api/v1/reports?view=inbox" \
            "inbox, all, page 100 (API)|-H|$AUTH|$B/api/v1/reports?view=inbox&page=100" \
            "inbox, waiting (page)|-b|$JAR|$B/reports/inbox" \
            "ranking, year (API)|-H|$AUTH|$B/api/v1/reports/ranking?period=year&year=$YEAR" \
            "ranking, year (page)|-b|$JAR|$B/reports/ranking?period=year&year=$YEAR" \
            "ranking, year, XLSX (API)|-H|$AUTH|$B/api/v1/reports/ranking/export?period=year&year=$YEAR&format=xlsx"; do
  IFS='|' read -r label flag value url <<< "$what"
  times=""
  for _ in 1 2 3 4 5; do times="$times $(curl -sS -o /dev/null -w '%{http_code}:%{time_total}' "$flag" "$value" "$url")"; done
  echo "$label (status:seconds):$times"
done
curl -fsS -H "$AUTH" "$B/api/v1/reports/ranking?period=year&year=$YEAR" | python3 -c '
import json,sys; r=json.load(sys.stdin); u=r["items"]
print("ranking: units", len(u), "people", len(r["people"]), "points", sum(x["points"] for x in u), "adopted", sum(x["adopted"] for x in u),
      "first", u[0]["name"], u[0]["points"], "last", u[-1]["points"])'
curl -fsS -H "$AUTH" "$B/api/v1/reports?view=inbox&perPage=1" | python3 -c 'import json,sys; print("inbox lines:", json.load(sys.stdin)["total"])'
grep -E "peak|RSS" "$WORK/serve.log" || true
ps -o rss= -p "$SERVER" | awk '{print "serve RSS after the requests:", $1, "KB"}'
