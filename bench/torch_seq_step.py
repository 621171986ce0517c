#!/usr/bin/env python3
"""One training step of the sequence models of `gradgraph bench --seq-len` in PyTorch, for a side-by-side comparison:
the classic course's character RNN (vocabulary 27, nn.RNN of 50 tanh units, 20 characters, batch 1; the loss summed
over the steps, every gradient clipped to [-5, 5], W := W - 0.01*dW, as the course's dinosaur-name loop) and an LSTM
language model (vocabulary 27, nn.LSTM of 128 units, 32 characters, batch 32; cross-entropy averaged over tokens,
plain SGD). Inputs one-hot (as gradgraph's x<t>), a linear layer and softmax cross-entropy at every step, random
token ids. Uses every core (torch.set_num_threads). Prints the median µs per step.

    apt-get install python3-torch && /usr/bin/python3 bench/torch_seq_step.py [--dtype float32] [rnn] [lstm]
"""
import os
import sys

import torch
import torch.nn.functional as F

from steptime import report

# name: (cell, units, T, batch, loss summed over steps, clip value)
MODELS = {
    "rnn": (torch.nn.RNN, 50, 20, 1, True, 5.0),
    "lstm": (torch.nn.LSTM, 128, 32, 32, False, None),
}
VOCAB = 27


def make(name, g, dtype):
    cell, units, steps, batch, summed, clip = MODELS[name]
    rnn = cell(VOCAB, units).to(dtype)
    out = torch.nn.Linear(units, VOCAB).to(dtype)
    x = F.one_hot(torch.randint(0, VOCAB, (steps, batch), generator=g), VOCAB).to(dtype)
    y = torch.randint(0, VOCAB, (steps * batch,), generator=g)
    params = list(rnn.parameters()) + list(out.parameters())

    def step(lr=0.01):
        h, _ = rnn(x)
        logits = out(h).reshape(steps * batch, VOCAB)
        loss = F.cross_entropy(logits, y, reduction="sum") / batch if summed else F.cross_entropy(logits, y)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, d in zip(params, grads):
                if clip is not None:
                    d.clamp_(-clip, clip)
                p -= lr * d
        return loss

    return step, f"{name} (27, {cell.__name__.lower()}{units}, 27) T {steps} batch {batch}"


def main():
    args = sys.argv[1:]
    dtype_name = "float64"
    if args[:1] == ["--dtype"]:
        dtype_name, args = args[1], args[2:]
    dtype = getattr(torch, dtype_name)
    torch.set_num_threads(os.cpu_count())
    g = torch.Generator().manual_seed(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {dtype_name}")
    for name in args or list(MODELS):
        step, label = make(name, g, dtype)
        assert step().dtype == dtype
        report(label, step)


if __name__ == "__main__":
    main()
