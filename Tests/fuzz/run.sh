#!/usr/bin/env bash
# Builds the libFuzzer target on the message decoding path and runs it for a bounded time.
#   Tests/fuzz/run.sh [seconds]      (default 60; make fuzz)
# A crash leaves its input in /tmp/keihin-fuzz/crash-*; turn it into a regression test in
# Tests/WireProtocolTests before fixing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
work=/tmp/keihin-fuzz
mkdir -p "$work/corpus"
printf '%s' '{"jsonrpc":"2.0","method":"report.compose","params":{"format":"html","lang":"en"},"id":1}' > "$work/corpus/request"
printf '%s' '[{"jsonrpc":"2.0","method":"statistics.compare","params":{"from":1990,"to":2010},"id":"a"},{"jsonrpc":"2.0","method":"x"}]' > "$work/corpus/batch"
printf '\xffMDPW01\xff\x03\xffclient12\xff\xff{"jsonrpc":"2.0","id":1,"result":{}}' > "$work/corpus/mdp-reply"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzProtocol \
  Shared/WireProtocol/*.swift Shared/WireProtocol/Contracts/*.swift Services/ReportComposer/Front/ClientEnvelope.swift \
  Tests/fuzz/FuzzEntry.swift -o "$work/fuzz-protocol"
"$work/fuzz-protocol" -max_total_time="$seconds" -max_len=4096 -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus"
