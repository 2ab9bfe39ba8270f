#!/bin/sh
# Peak resident memory (VmHWM) of the Lectern window with a folder open (issue 6).
#
#   cargo build --release
#   ../shared/tools/screenshot.sh -d 12 -T 60 benches/peak_memory.sh /tmp/peak.png -- /tmp/c50
#   cat /tmp/lectern-peak-memory.txt            # e.g. "VmHWM:  337344 kB"
#
# screenshot.sh starts this script in a virtual display; it runs target/release/lectern with
# the same arguments and writes the process's peak resident size every 0.2 s until it exits.
# Run it again without a folder (the samples) to see the window's own share.
here=$(cd "$(dirname "$0")/.." && pwd)
out=${LECTERN_PEAK_FILE:-/tmp/lectern-peak-memory.txt}
"$here/target/release/lectern" "$@" &
pid=$!
trap 'kill $pid 2>/dev/null' TERM INT
while kill -0 "$pid" 2>/dev/null; do
  grep VmHWM "/proc/$pid/status" > "$out.tmp" 2>/dev/null && mv "$out.tmp" "$out"
  sleep 0.2
done
