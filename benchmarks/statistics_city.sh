#!/usr/bin/env bash
# 效能统计 on the seeded city (issue 18): a year's ranking of every bureau and one unit's page, timed over HTTP.
#
#   benchmarks/statistics_city.sh ZHENGTONG_BINARY CITY.sqlite [PORT]
#
# CITY.sqlite is a COPY of the seeded city, migrated and with its daily figures computed
# (`zhengtong statistics refresh`). The script grants 监察 (platform-wide) to u00001 in that copy, starts `serve`,
# creates a scheme over every bureau (5 indicators, one a 90th percentile), then asks for the 2026 ranking, a
# county bureau's page (HTML, signed in) and its API answer five times each and prints curl's total times.
set -euo pipefail
BIN="$1"; DB="$2"; PORT="${3:-8097}"
PASSWORD="Zhengtong@2026"
sqlite3 "$DB" "INSERT INTO user_roles (id, user_id, role_id, scope_unit_id, created_at)
  SELECT upper(substr(h,1,8)||'-'||substr(h,9,4)||'-4'||substr(h,14,3)||'-8'||substr(h,18,3)||'-'||substr(h,21,12)), u.id, r.id, NULL, 0
  FROM (SELECT hex(randomblob(16)) AS h), users u, roles r
  WHERE u.username = 'u00001' AND r.code = 'inspector'
    AND NOT EXISTS (SELECT 1 FROM user_roles x WHERE x.user_id = u.id AND x.role_id = r.id);"
DATABASE_URL="sqlite://$DB" ZHENGTONG_DATA_DIR="$(dirname "$DB")" ZHENGTONG_BACKUP_DIR=off "$BIN" serve --port "$PORT" > "$(dirname "$DB")/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
# The jobs a server runs at start (upkeep's first purge can be long on a copy of the seed) are let finish first.
sleep "${SETTLE:-60}"
TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"u00001\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PORT/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH="Authorization: Bearer $TOKEN"
UNITS=$(sqlite3 "$DB" "SELECT '\"' || id || '\"' FROM units WHERE kind = 'bureau'" | paste -sd, -)
BUREAU=$(sqlite3 "$DB" "SELECT u.id FROM units u JOIN outgoing_documents o ON o.unit_id = u.id WHERE u.kind = 'bureau' GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1")
SCHEME=$(curl -fsS -H "$AUTH" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/v1/statistics/schemes" -d "{\"name\":\"县直部门效能考核\",\"category\":\"二类单位\",\"units\":[$UNITS],
  \"indicators\":[{\"figure\":\"outgoingVolume\",\"weight\":20,\"rule\":\"ratioToBest\"},{\"figure\":\"onTimeRate\",\"weight\":30,\"rule\":\"target\",\"target\":90},
  {\"figure\":\"documentTimeP90\",\"weight\":20,\"rule\":\"rank\"},{\"figure\":\"returnCount\",\"weight\":15,\"rule\":\"rank\"},{\"figure\":\"signIns\",\"weight\":15,\"rule\":\"ratioToBest\"}]}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# A page session for the same person.
JAR=$(mktemp)
CSRF=$(curl -fsS -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -sS -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" --data-urlencode username=u00001 --data-urlencode "password=$PASSWORD" "http://127.0.0.1:$PORT/login"
echo "units in the ranking: $(echo "$UNITS" | tr ',' '\n' | wc -l); unit page: $BUREAU"
for what in "ranking, year (API)|-H|$AUTH|http://127.0.0.1:$PORT/api/v1/statistics/schemes/$SCHEME/ranking?period=2026" \
            "ranking, year (page)|-b|$JAR|http://127.0.0.1:$PORT/statistics/rankings/$SCHEME?period=2026" \
            "unit, year (API)|-H|$AUTH|http://127.0.0.1:$PORT/api/v1/statistics/units/$BUREAU?period=2026" \
            "unit, year (page)|-b|$JAR|http://127.0.0.1:$PORT/statistics/units/$BUREAU?period=2026" \
            "overview, every unit, year (page)|-b|$JAR|http://127.0.0.1:$PORT/statistics?period=2026"; do
  IFS='|' read -r label flag value url <<< "$what"
  times=""
  for _ in 1 2 3 4 5; do times="$times $(curl -sS -o /dev/null -w '%{http_code}:%{time_total}' "$flag" "$value" "$url")"; done
  echo "$label (status:seconds):$times"
done
curl -fsS -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/statistics/schemes/$SCHEME/ranking?period=2026" | python3 -c '
import json,sys; r=json.load(sys.stdin); print("rows", len(r["rows"]), "first", r["rows"][0]["unitName"], r["rows"][0]["total"], "last", r["rows"][-1]["total"])'
# The kept figures against the raw records: the unit's 发文 of 2026 counted both ways.
KEPT=$(curl -fsS -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/statistics/units/$BUREAU?period=2026" | python3 -c '
import json,sys; print([f.get("value") for f in json.load(sys.stdin)["figures"] if f["figure"] == "outgoingVolume"][0])')
START=$(python3 -c 'import datetime; print(int(datetime.datetime(2026,1,1,tzinfo=datetime.timezone(datetime.timedelta(hours=8))).timestamp()))')
END=$(python3 -c 'import datetime; print(int(datetime.datetime(2027,1,1,tzinfo=datetime.timezone(datetime.timedelta(hours=8))).timestamp()))')
RAW=$(sqlite3 "$DB" "SELECT COUNT(*) FROM outgoing_documents WHERE unit_id = '$BUREAU' AND dispatched_at >= $START AND dispatched_at < $END")
echo "发文 2026 of the unit: kept $KEPT, counted in the records $RAW"
