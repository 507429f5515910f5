#!/usr/bin/env bash
# Runs the stack on this machine as separate processes: one composer, N statistics and M
# initiatives replicas. With --once it prints the report through report-client and stops
# everything; otherwise it stays up until Ctrl-C, then stops every process with SIGTERM.
set -euo pipefail

statistics=1 initiatives=1 once=0 format=markdown
client_endpoint=${REPORT_CLIENT_ENDPOINT:-tcp://127.0.0.1:5555}
worker_endpoint=${REPORT_WORKER_ENDPOINT:-tcp://127.0.0.1:5556}
bin=${REPORT_BIN_DIR:-$(cd "$(dirname "$0")/../.." && swift build --show-bin-path)}

usage() {
  cat <<USAGE
usage: $0 [--statistics N] [--initiatives M] [--format markdown|text|json] [--once]
  --statistics N   statistics-service replicas (default 1)
  --initiatives M  initiatives-service replicas (default 1)
  --format F       report format for --once (default markdown)
  --once           print the report and stop; otherwise run until Ctrl-C
Endpoints: \$REPORT_CLIENT_ENDPOINT ($client_endpoint), \$REPORT_WORKER_ENDPOINT ($worker_endpoint).
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --statistics) statistics=$2; shift 2 ;;
    --initiatives) initiatives=$2; shift 2 ;;
    --format) format=$2; shift 2 ;;
    --once) once=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 64 ;;
  esac
done

logs=$(mktemp -d /tmp/keihin-stack.XXXXXX)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT

"$bin/report-composer" --client-endpoint "$client_endpoint" --worker-endpoint "$worker_endpoint" 2>"$logs/composer.log" &
pids+=($!)
for i in $(seq 1 "$statistics"); do
  "$bin/statistics-service" --connect "$worker_endpoint" 2>"$logs/statistics-$i.log" & pids+=($!)
done
for i in $(seq 1 "$initiatives"); do
  "$bin/initiatives-service" --connect "$worker_endpoint" 2>"$logs/initiatives-$i.log" & pids+=($!)
done

# Ready when the composer lists every replica.
ready=0
for _ in $(seq 1 200); do
  info=$("$bin/report-client" call system.info --endpoint "$client_endpoint" --timeout 500 --attempts 1 2>/dev/null || true)
  [ -n "$info" ] || info='{}'
  counts=$(python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join('%s=%s' % (s['name'], s['workers']) for s in d.get('services', [])))" <<<"$info" 2>/dev/null || true)
  if [[ " $counts " == *" initiatives=$initiatives "* && " $counts " == *" statistics=$statistics "* ]]; then ready=1; break; fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "the stack did not come up; logs in $logs:" >&2
  tail -n 20 "$logs"/*.log >&2
  exit 1
fi
echo "stack up: composer on $client_endpoint (workers on $worker_endpoint), statistics×$statistics, initiatives×$initiatives; logs in $logs" >&2

if [ "$once" = 1 ]; then
  "$bin/report-client" report --endpoint "$client_endpoint" --format "$format"
else
  echo "request a report with: $bin/report-client --endpoint $client_endpoint   (Ctrl-C stops the stack)" >&2
  wait "${pids[0]}"
fi
