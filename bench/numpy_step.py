#!/usr/bin/env python3
"""The seed's training step written by hand in numpy, for a side-by-side comparison with gradgraph's bench.

Same workloads as StepBenchmark: relu hidden layers; sigmoid + binary cross-entropy (planar, cat) or softmax +
softmax cross-entropy (mnist); one full batch of standard-normal X; the cost J (as gradgraph's step and PyTorch's
compute it), the gradients, W := W - lr*dW. Prints the median µs per step. Float64 by default; `--dtype float32`
runs every array in float32 (numpy keeps float32 through the step: its scalars are weak).

    apt-get install python3-numpy && python3 bench/numpy_step.py [--dtype float32] [workload...]
"""
import sys

import numpy as np

from steptime import WORKLOADS, dtype_and_names, report


def make(layers, m, softmax, rng, dtype):
    ws = [rng.standard_normal((layers[l], layers[l - 1])) * np.sqrt(2.0 / layers[l - 1]) for l in range(1, len(layers))]
    bs = [np.zeros((layers[l], 1)) for l in range(1, len(layers))]
    x = rng.standard_normal((layers[0], m))
    if softmax:
        y = np.zeros((layers[-1], m))
        y[rng.integers(0, layers[-1], m), np.arange(m)] = 1.0
    else:
        y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return [w.astype(dtype) for w in ws], [b.astype(dtype) for b in bs], x.astype(dtype), y.astype(dtype)


def step(ws, bs, x, y, softmax, lr=1e-4):
    m = x.shape[1]
    a, zs, acts = x, [], [x]
    for l, (w, b) in enumerate(zip(ws, bs)):
        z = w @ a + b
        zs.append(z)
        if l < len(ws) - 1:
            a = np.maximum(z, 0)
        elif softmax:
            shifted = z - z.max(axis=0, keepdims=True)
            e = np.exp(shifted)
            total = e.sum(axis=0, keepdims=True)
            a = e / total
            cost = -np.sum(y * (shifted - np.log(total))) / m  # cross-entropy, stably
        else:
            a = 1 / (1 + np.exp(-z))
            cost = np.sum(np.logaddexp(0, z) - y * z) / m  # binary cross-entropy from the logits, stably
        acts.append(a)
    dz = acts[-1] - y
    for l in range(len(ws) - 1, -1, -1):
        dw = dz @ acts[l].T / m
        db = dz.sum(axis=1, keepdims=True) / m
        if l > 0:
            dz = (ws[l].T @ dz) * (zs[l - 1] > 0)
        ws[l] -= lr * dw
        bs[l] -= lr * db
    return cost


def main():
    dtype, names = dtype_and_names(sys.argv[1:])
    rng = np.random.default_rng(1)
    print(f"numpy {np.__version__}, {dtype}")
    for name in names:
        layers, m, softmax = WORKLOADS[name]
        ws, bs, x, y = make(layers, m, softmax, rng, np.dtype(dtype))
        assert step(ws, bs, x, y, softmax).dtype == np.dtype(dtype)
        report(name, lambda: step(ws, bs, x, y, softmax))


if __name__ == "__main__":
    main()
