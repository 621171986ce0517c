#!/usr/bin/env python3
"""The same training step in PyTorch autograd, for a side-by-side comparison with gradgraph's bench.

Same workloads as StepBenchmark and numpy_step.py: relu hidden layers; sigmoid + binary cross-entropy (planar, cat)
or softmax + softmax cross-entropy (mnist); one full batch of standard-normal X, samples as columns; the loss's
gradients by autograd, then W := W - lr*dW. Uses every core (torch.set_num_threads). Prints the median µs per step.
Float64 by default; `--dtype float32` is PyTorch's own default dtype.

    apt-get install python3-torch && /usr/bin/python3 bench/torch_step.py [--dtype float32] [workload...]
"""
import os
import sys

import torch

from steptime import WORKLOADS, dtype_and_names, report


def make(layers, m, softmax, g, dtype):
    ws = [(torch.randn(layers[l], layers[l - 1], generator=g, dtype=dtype)
           * (2.0 / layers[l - 1]) ** 0.5).requires_grad_() for l in range(1, len(layers))]
    bs = [torch.zeros(layers[l], 1, dtype=dtype, requires_grad=True) for l in range(1, len(layers))]
    x = torch.randn(layers[0], m, generator=g, dtype=dtype)
    if softmax:
        y = torch.randint(0, layers[-1], (m,), generator=g)
    else:
        y = (torch.rand(1, m, generator=g, dtype=dtype) < 0.5).to(dtype)
    return ws, bs, x, y


def step(ws, bs, x, y, softmax, lr=1e-4):
    a = x
    for l, (w, b) in enumerate(zip(ws, bs)):
        z = w @ a + b
        a = torch.relu(z) if l < len(ws) - 1 else z
    if softmax:
        loss = torch.nn.functional.cross_entropy(a.T, y)
    else:
        loss = torch.nn.functional.binary_cross_entropy_with_logits(a, y)
    params = ws + bs
    grads = torch.autograd.grad(loss, params)
    with torch.no_grad():
        for p, g in zip(params, grads):
            p -= lr * g
    return loss


def main():
    dtype_name, names = dtype_and_names(sys.argv[1:])
    dtype = getattr(torch, dtype_name)
    torch.set_num_threads(os.cpu_count())
    g = torch.Generator().manual_seed(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {dtype_name}")
    for name in names:
        layers, m, softmax = WORKLOADS[name]
        ws, bs, x, y = make(layers, m, softmax, g, dtype)
        assert step(ws, bs, x, y, softmax).dtype == dtype
        report(name, lambda: step(ws, bs, x, y, softmax))


if __name__ == "__main__":
    main()
