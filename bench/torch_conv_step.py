#!/usr/bin/env python3
"""One training step of the convolutional networks of `gradgraph bench` in PyTorch autograd, for a side-by-side
comparison: LeNet-5 (28x28x1: conv 5x5x6 pad 2, relu, max-pool 2, conv 5x5x16, relu, max-pool 2, dense 120, 84, 10)
and the classic course's SIGNS net (64x64x3: conv 4x4x8 same, relu, max-pool 8 same, conv 2x2x16 same, relu,
max-pool 4 same, dense 6), softmax cross-entropy, batch 64 of standard-normal images, then W := W - lr*dW. PyTorch's
own layout (NCHW) and layers; 'same' padding as Keras (the odd pixel bottom/right, through F.pad). Uses every core
(torch.set_num_threads). Prints the median µs per step.

    apt-get install python3-torch && /usr/bin/python3 bench/torch_conv_step.py [--dtype float32] [lenet5] [signs]
"""
import os
import sys

import torch
import torch.nn.functional as F

from steptime import report


def same(x, f, stride):
    """Keras 'same' padding of an NCHW batch for an f×f window: the odd pixel goes bottom/right."""
    pads = []
    for n in (x.shape[3], x.shape[2]):  # F.pad takes the last axis first: (left, right, top, bottom)
        out = -(-n // stride)
        total = max((out - 1) * stride + f - n, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


def same_pool(x, f):
    """Keras 'same' max pooling, window f and stride f: padding cells are -inf, never the maximum."""
    pads = []
    for n in (x.shape[3], x.shape[2]):
        out = -(-n // f)
        total = max((out - 1) * f + f - n, 0)
        pads += [total // 2, total - total // 2]
    return F.max_pool2d(F.pad(x, pads, value=float("-inf")), f)


def lenet5(params, x):
    w1, b1, w2, b2, w3, b3, w4, b4, w5, b5 = params
    a = F.max_pool2d(torch.relu(F.conv2d(x, w1, b1, padding=2)), 2)
    a = F.max_pool2d(torch.relu(F.conv2d(a, w2, b2)), 2)
    a = torch.relu(F.linear(a.flatten(1), w3, b3))
    a = torch.relu(F.linear(a, w4, b4))
    return F.linear(a, w5, b5)


def signs(params, x):
    w1, b1, w2, b2, w3, b3 = params
    a = same_pool(torch.relu(F.conv2d(same(x, 4, 1), w1, b1)), 8)
    a = same_pool(torch.relu(F.conv2d(same(a, 2, 1), w2, b2)), 4)
    return F.linear(a.flatten(1), w3, b3)


NETS = {
    "lenet5": (lenet5, (1, 28, 28), [(6, 1, 5, 5), (16, 6, 5, 5), (120, 400), (84, 120), (10, 84)], 10),
    "signs": (signs, (3, 64, 64), [(8, 3, 4, 4), (16, 8, 2, 2), (6, 64)], 6),
}


def make(name, m, g, dtype):
    forward, image, shapes, classes = NETS[name]
    params = []
    for s in shapes:
        fan_in = 1
        for d in s[1:]:
            fan_in *= d
        params.append((torch.randn(*s, generator=g, dtype=dtype) * (2.0 / fan_in) ** 0.5).requires_grad_())
        params.append(torch.zeros(s[0], dtype=dtype, requires_grad=True))
    x = torch.randn(m, *image, generator=g, dtype=dtype)
    y = torch.randint(0, classes, (m,), generator=g)
    return forward, params, x, y


def step(forward, params, x, y, lr=1e-4):
    loss = F.cross_entropy(forward(params, x), y)
    grads = torch.autograd.grad(loss, params)
    with torch.no_grad():
        for p, d in zip(params, grads):
            p -= lr * d
    return loss


def main():
    args = sys.argv[1:]
    dtype_name = "float64"
    if args[:1] == ["--dtype"]:
        dtype_name, args = args[1], args[2:]
    dtype = getattr(torch, dtype_name)
    torch.set_num_threads(os.cpu_count())
    g = torch.Generator().manual_seed(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {dtype_name}")
    for name in args or list(NETS):
        forward, params, x, y = make(name, 64, g, dtype)
        assert step(forward, params, x, y).dtype == dtype
        report(name + " batch 64", lambda: step(forward, params, x, y))


if __name__ == "__main__":
    main()
