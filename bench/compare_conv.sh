#!/usr/bin/env bash
# gradgraph's convolutional training steps (LeNet-5 and the classic course's SIGNS net, batch 64) and PyTorch's same
# steps (bench/torch_conv_step.py), one after the other, ROUNDS times, so that machine drift shows as spread. Both in
# float32 (PyTorch's default) and float64. Needs ./gradgraph (it builds its jar) and PyTorch for PYTHON_TORCH
# (default /usr/bin/python3; Debian: apt-get install python3-torch).
set -u
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
torch_python=${PYTHON_TORCH:-/usr/bin/python3}
lenet="28x28x1, conv5x5x6 pad2, maxpool2, conv5x5x16, maxpool2, 120, 84, 10"
signs="64x64x3, conv4x4x8 same, maxpool8 same, conv2x2x16 same, maxpool4 same, 6"
for r in $(seq 1 "$rounds"); do
  echo "== round $r"
  for dtype in f32 f64; do
    for net in lenet signs; do
      layers=$lenet
      [ "$net" = signs ] && layers=$signs
      us=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ./gradgraph bench --layers "$layers" --output softmax \
        --batch 64 --dtype "$dtype" --seconds 3 --json | tail -n 1 | sed 's/.*"us_per_step":\([0-9.]*\).*/\1/')
      echo "gradgraph $net $dtype: $us µs per step"
    done
    peers=float32
    [ "$dtype" = f64 ] && peers=float64
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$torch_python" bench/torch_conv_step.py --dtype "$peers" \
      | sed 's/^/torch     /'
  done
done
