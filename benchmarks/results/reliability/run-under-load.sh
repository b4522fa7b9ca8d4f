#!/bin/bash
# interleaved rounds: base/new × DOTNET_PROCESSOR_COUNT=1/default, with one extra CPU-bound loop running
( while :; do :; done ) & spin=$!
echo "busy loop pid $spin; $(nproc) cores; $(date -u)"
for bs in 32 128; do
for round in 1 2 3 4 5; do
  for build in base new; do
    one=$(DOTNET_PROCESSOR_COUNT=1 dotnet out-$build/Bench.dll $bs)
    two=$(dotnet out-$build/Bench.dll $bs)
    echo "bs$bs round $round $build: 1 core ${one}s, 2 cores ${two}s, ratio 2-core/1-core $(python3 -c "print(f'{$two/$one:.2f}')") load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
done
kill $spin
echo "end $(date -u)"
