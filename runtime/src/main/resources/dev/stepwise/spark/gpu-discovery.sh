#!/usr/bin/env bash
# Spark GPU discovery script shipped by Stepwise: prints this machine's GPU indices as the JSON
# ResourceInformation Spark expects ({"name":"gpu","addresses":["0","1"]}).
set -eu
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo '{"name":"gpu","addresses":[]}'
  exit 0
fi
addresses=""
for index in $(nvidia-smi --query-gpu=index --format=csv,noheader); do
  addresses="${addresses:+$addresses,}\"${index//[[:space:]]/}\""
done
echo "{\"name\":\"gpu\",\"addresses\":[${addresses}]}"
