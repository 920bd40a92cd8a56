#!/bin/bash
# Instructions per call of one workload, counted by valgrind's callgrind (deterministic, unlike time on
# these shared VMs): the script runs N calls; the count at 1500 calls minus the count at 500, divided by
# 1000, cancels start-up, module loading and JIT warm-up. Node runs with --single-threaded so that garbage
# collection is counted too. Each run takes about a minute.
#
# Usage: test/bench/callgrind/instructions-per-call.sh <script.ts> <mode>...   (after `npm run build`)
# Caveat: under valgrind, OpenSSL does not see the CPU's AES/SHA extensions, so code that draws random
# bytes or hashes (span and trace ids, HMAC) counts more instructions than it costs natively.
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
node="$here/node_modules/.bin/node"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$node" --single-threaded "$1" "$2" "$3" 2>&1 |
    awk '/Collected/ { print $4 }'
}
for mode in "${@:2}"; do
  small=$(count "$1" "$mode" 500)
  large=$(count "$1" "$mode" 1500)
  echo "$mode $(( (large - small) / 1000 ))"
done
