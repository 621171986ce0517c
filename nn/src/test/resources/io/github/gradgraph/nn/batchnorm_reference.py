#!/usr/bin/env python3
"""Writes batchnorm_reference.json: what PyTorch's BatchNorm1d computes on a small fixed input, for
BatchNormPyTorchReferenceTest to compare gradgraph's batch normalization against (its ε, its running statistics'
momentum and unbiased variance, its backward pass, its inference form), numbers PyTorch produced rather than numbers
read from gradgraph's own constants.

The input is 3 features × 5 samples in float64; feature 1 has a spread of about 1e-2, so that its variance (~1e-4) is
within a few powers of ten of ε and a different ε moves the output far beyond the test's tolerance. In train mode:
the output, the running mean and variance after one update (momentum 0.1, the batch's variance unbiased, m/(m − 1)),
and the gradients of J = Σ V ⊙ out + ½·Σ out ⊙ out with respect to the input, γ and β. In eval mode: the output
with the updated running statistics. Matrices are written as gradgraph lays them out, one row per feature and one
column per sample (PyTorch's own layout is the transpose), every number with 17 significant digits.

Needs PyTorch (Debian: apt-get install -y python3-torch). Rerun from this folder, then rerun the test:

    /usr/bin/python3 batchnorm_reference.py
"""
import json

import torch

EPS = 1e-5
MOMENTUM = 0.1

X = [[0.5, -1.25, 2.0, 0.75, -0.3],
     [0.1, 0.13, 0.07, 0.12, 0.095],
     [3.0, -2.0, 0.0, 1.5, -4.5]]
GAMMA = [1.5, 0.8, -0.6]
BETA = [0.1, -0.2, 0.3]
RUNNING_MEAN = [0.2, -0.1, 0.05]
RUNNING_VAR = [1.3, 0.7, 2.2]
V = [[0.3, -0.7, 1.1, 0.2, -0.4],
     [0.9, 0.1, -0.5, 0.6, -1.2],
     [-0.8, 0.4, 0.25, -0.35, 0.7]]


def number(x):
    """17 significant digits: any reader gets back the exact double."""
    return "%.17g" % x


def to_json(value, indent=""):
    """JSON with every number spelled by number(): json.dumps would write the shortest repr instead."""
    if isinstance(value, dict):
        inner = indent + " "
        items = [inner + json.dumps(k) + ": " + to_json(v, inner) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v, indent) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return number(value)


def main():
    dt = torch.float64
    bn = torch.nn.BatchNorm1d(3, eps=EPS, momentum=MOMENTUM, dtype=dt)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(GAMMA, dtype=dt))
        bn.bias.copy_(torch.tensor(BETA, dtype=dt))
        bn.running_mean.copy_(torch.tensor(RUNNING_MEAN, dtype=dt))
        bn.running_var.copy_(torch.tensor(RUNNING_VAR, dtype=dt))
    x = torch.tensor(X, dtype=dt).T.contiguous().requires_grad_()  # samples × features, PyTorch's layout
    v = torch.tensor(V, dtype=dt).T

    bn.train()
    out = bn(x)
    loss = (v * out).sum() + 0.5 * (out * out).sum()
    loss.backward()

    bn.eval()
    with torch.no_grad():
        out_eval = bn(x)

    def mat(t):  # back to features × samples
        return t.detach().T.tolist()

    def vec(t):
        return t.detach().tolist()

    reference = {
        "torch": torch.__version__,
        "eps": EPS,
        "momentum": MOMENTUM,
        "x": X,
        "gamma": GAMMA,
        "beta": BETA,
        "running_mean": RUNNING_MEAN,
        "running_var": RUNNING_VAR,
        "v": V,
        "train_out": mat(out),
        "loss": loss.item(),
        "dx": mat(x.grad),
        "dgamma": vec(bn.weight.grad),
        "dbeta": vec(bn.bias.grad),
        "running_mean_after": vec(bn.running_mean),
        "running_var_after": vec(bn.running_var),
        "eval_out": mat(out_eval),
    }
    with open("batchnorm_reference.json", "w") as f:
        f.write(to_json(reference) + "\n")


if __name__ == "__main__":
    main()
