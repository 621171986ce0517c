#!/usr/bin/env bash
# gradgraph's sequence-model training steps (the course's character RNN: 27, rnn50, 27, T 20, batch 1; an LSTM
# language model: 27, lstm128, 27, T 32, batch 32) and PyTorch's same steps (bench/torch_seq_step.py), one after the
# other, ROUNDS times, so that machine drift shows as spread. float32 (PyTorch's default) and float64. Needs
# ./gradgraph (it builds its jar) and PyTorch for PYTHON_TORCH (default /usr/bin/python3; Debian: apt-get install
# python3-torch).
set -u
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
torch_python=${PYTHON_TORCH:-/usr/bin/python3}
for r in $(seq 1 "$rounds"); do
  echo "== round $r"
  for dtype in f32 f64; do
    for net in rnn lstm; do
      if [ "$net" = rnn ]; then args=(--layers "27, rnn50, 27" --seq-len 20 --batch 1);
      else args=(--layers "27, lstm128, 27" --seq-len 32 --batch 32); fi
      us=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ./gradgraph bench "${args[@]}" --output softmax \
        --dtype "$dtype" --seconds 3 --json | tail -n 1 | sed 's/.*"us_per_step":\([0-9.]*\).*/\1/')
      echo "gradgraph $net $dtype: $us µs per step"
    done
    peers=float32
    [ "$dtype" = f64 ] && peers=float64
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$torch_python" bench/torch_seq_step.py --dtype "$peers" \
      | sed 's/^/torch     /'
  done
done
