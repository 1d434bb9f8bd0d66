#!/usr/bin/env bash
# `make demo`: a fresh SQLite database with the sample master data and documents, read by the
# worker, then the review screen. Safe to run again: imports upsert and ingest is idempotent.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
ot=.venv/bin/ordertake

$ot init
$ot import products samples/master/products.csv
$ot import customers samples/master/customers.csv
# Every sample document (anything with ground truth beside it).
mapfile -t docs < <(find samples/documents -type f ! -name '*.truth.json' ! -name '*.md' | sort)
$ot ingest "${docs[@]}"
$ot worker --once
if ! $ot users list 2>/dev/null | grep -q '^demo\b'; then
  $ot users add demo --role admin --password demo >/dev/null
fi
echo
echo "  ordertake review screen: http://$host:$port"
echo "  sign in as: demo / demo"
echo
exec $ot serve --host "$host" --port "$port"
