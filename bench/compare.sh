#!/usr/bin/env bash
# gradgraph's training step, numpy's hand-written step and PyTorch's autograd step, one after the other, ROUNDS times,
# so that machine drift shows as spread. DTYPE=f64 (default): gradgraph's AlternatingRatio (its step, the hand-written
# step over the same kernels and the products alone, interleaved in one JVM) and the peers in float64. DTYPE=f32:
# gradgraph's Float32Ratio (its float32 and float64 steps and their products, interleaved) and the peers in float32,
# PyTorch's default. Needs the bench jar (mvn -B -q -DskipTests package -pl bench -am), numpy for python3, and
# PyTorch for PYTHON_TORCH (default /usr/bin/python3; Debian: apt-get install python3-torch libopenblas0-pthread).
set -u
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
dtype=${DTYPE:-f64}
torch_python=${PYTHON_TORCH:-/usr/bin/python3}
case "$dtype" in
  f64) gradgraph=AlternatingRatio; peers=float64 ;;
  f32) gradgraph=Float32Ratio; peers=float32 ;;
  *) echo "compare.sh: DTYPE must be f64 or f32, got '$dtype'" >&2; exit 2 ;;
esac
for r in $(seq 1 "$rounds"); do
  echo "== round $r"
  java -cp bench/target/benchmarks.jar "io.github.gradgraph.bench.$gradgraph" 9 2>/dev/null
  python3 bench/numpy_step.py --dtype "$peers" | sed 's/^/numpy   /'
  if "$torch_python" -c 'import torch' 2>/dev/null; then
    "$torch_python" bench/torch_step.py --dtype "$peers" | sed 's/^/torch   /'
  else
    echo "torch   (not installed for $torch_python)"
  fi
done
