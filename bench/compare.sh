#!/usr/bin/env bash
# gradgraph's training step (and its hand-written baseline and its products alone, interleaved in one JVM), numpy's
# hand-written step and PyTorch's float64 autograd step, one after the other, ROUNDS times, so that machine drift
# shows as spread. Needs the bench jar (mvn -B -q -DskipTests package -pl bench -am), numpy for python3, and
# PyTorch for PYTHON_TORCH (default /usr/bin/python3; Debian: apt-get install python3-torch libopenblas0-pthread).
set -u
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
torch_python=${PYTHON_TORCH:-/usr/bin/python3}
for r in $(seq 1 "$rounds"); do
  echo "== round $r"
  java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.AlternatingRatio 9 2>/dev/null
  python3 bench/numpy_step.py | sed 's/^/numpy   /'
  if "$torch_python" -c 'import torch' 2>/dev/null; then
    "$torch_python" bench/torch_step.py | sed 's/^/torch   /'
  else
    echo "torch   (not installed for $torch_python)"
  fi
done
