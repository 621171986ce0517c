#!/usr/bin/env python3
"""Writes conv_reference.json: what PyTorch's F.conv2d, F.max_pool2d and F.avg_pool2d compute, forward and backward,
at a set of fixed geometries, for ConvPyTorchReferenceTest to compare gradgraph's convolution and pooling against:
numbers PyTorch produced, not numbers from gradgraph's own kernels.

Each case draws its images X, filters W, bias b and an upstream gradient G (the shape of the output) from a seeded
generator, runs the op in float64 and back-propagates G, i.e. the gradients of J = Σ G ⊙ out with respect to X, W and
b. The geometries: stride 1–3, padding 0–2 and TensorFlow/Keras `same` (the odd pixel bottom/right), windows 1–5,
1–4 channels in and out, non-square images, batches of 1–3; a max-pooling case on small integers whose windows hold
exact ties (the first maximum in row-major window order takes the gradient); LeNet-5's first layer (28×28×1, 5×5 pad
2, 6 filters, m = 2); and the SIGNS net's first layer (4×4×8 conv `same`, relu, 8×8 max pool stride 8 `same`) on a
16×16×3 image.

Every input is a small integer over a power of two (k/1024 in general; in the two network cases pixels 0 or 1,
weights in eighths and G whole, so that the file stays under 300 KB), so it is exact in float32 as well: a float32
program sees exactly the numbers PyTorch saw, and its error is its own rounding. The same keeps PyTorch's float64
sums of products exact (only average pooling's division rounds).

Padding: PyTorch's padding= is symmetric, so an asymmetric (`same`) padding is F.pad(x, (left, right, top, bottom))
before the op: zeros for convolution, -inf for max pooling (padding cells are never maxima). Average pooling with
count_include_pad=False divides by the cells inside the image; with asymmetric padding that is the window sums of the
zero-padded image (avg_pool2d with divisor_override=1) over the window sums of a zero-padded image of ones.

Layouts (all permutations here; the JSON holds gradgraph's, images transposed):
  images:  gradgraph (H·W·C) × m, row ((h·W)+w)·C + c  = X_nhwc.reshape(m, -1).T of an (m, H, W, C) array;
           the JSON holds X_nhwc.reshape(m, -1), one image a line (its transpose: fewer brackets, a smaller file);
           PyTorch (m, C, H, W)                         = X_nhwc.permute(0, 3, 1, 2).
  filters: gradgraph C_out × (f·f·C_in), column ((p·f)+q)·C_in + k = W_ffio.reshape(f*f*C_in, C_out).T of an
           (f, f, C_in, C_out) array; PyTorch (C_out, C_in, f, f) = W_ffio.permute(3, 2, 0, 1).
  outputs and G: as images, with C_out (or C for pooling) channels; PyTorch's (m, C, Ho, Wo) back to gradgraph's by
           .permute(0, 2, 3, 1).reshape(m, -1) (.T); ∂J/∂W (C_out, C_in, f, f) by .permute(2, 3, 1, 0) then as W_ffio.
  bias:    C_out × 1, in the JSON a list.
Every number is written with 17 significant digits (%.17g drops trailing zeros, so short dyadic values stay short).

Needs PyTorch (Debian: apt-get install -y python3-torch). Rerun from this folder, then rerun the test:

    /usr/bin/python3 conv_reference.py
"""
import json

import torch
import torch.nn.functional as F

DT = torch.float64

# name, op, H, W, C_in, f, stride, pad (an int, or "same"), C_out (conv only), m, inputs (see draw())
CASES = [
    ("conv 5×6×1 f3", "conv2d", 5, 6, 1, 3, 1, 0, 1, 1, "fine"),
    ("conv 4×3×2 f1 to 3", "conv2d", 4, 3, 2, 1, 1, 0, 3, 3, "fine"),
    ("conv 6×5×3 f2 stride 2 pad 1", "conv2d", 6, 5, 3, 2, 2, 1, 2, 3, "fine"),
    ("conv 7×9×2 f5 stride 3 pad 2", "conv2d", 7, 9, 2, 5, 3, 2, 4, 1, "fine"),
    ("conv 7×5×2 f4 same", "conv2d", 7, 5, 2, 4, 1, "same", 3, 3, "fine"),
    ("conv 6×7×4 f3 stride 2 same", "conv2d", 6, 7, 4, 3, 2, "same", 2, 1, "fine"),
    ("conv 8×6×1 f4 stride 3 pad 1", "conv2d", 8, 6, 1, 4, 3, 1, 4, 2, "fine"),
    ("conv 5×5×4 f2 pad 1 to 1", "conv2d", 5, 5, 4, 2, 1, 1, 1, 3, "fine"),
    ("conv LeNet-5 layer 1: 28×28×1 f5 pad 2 to 6", "conv2d", 28, 28, 1, 5, 1, 2, 6, 2, "coarse"),
    ("maxpool 5×7×2 f2 stride 2", "maxpool", 5, 7, 2, 2, 2, 0, 0, 3, "fine"),
    ("maxpool 6×5×3 f3 pad 1", "maxpool", 6, 5, 3, 3, 1, 1, 0, 1, "fine"),
    ("maxpool 7×5×1 f4 same", "maxpool", 7, 5, 1, 4, 1, "same", 0, 3, "fine"),
    ("maxpool 8×9×2 f5 stride 3 pad 2", "maxpool", 8, 9, 2, 5, 3, 2, 0, 2, "fine"),
    ("maxpool 5×4×3 f1 stride 2", "maxpool", 5, 4, 3, 1, 2, 0, 0, 1, "fine"),
    ("maxpool ties 6×6×2 f3 stride 2 pad 1", "maxpool", 6, 6, 2, 3, 2, 1, 0, 3, "ties"),
    ("maxpool ties 5×7×1 f2 same", "maxpool", 5, 7, 1, 2, 1, "same", 0, 2, "ties"),
    ("avgpool 5×7×2 f2 stride 2", "avgpool", 5, 7, 2, 2, 2, 0, 0, 3, "fine"),
    ("avgpool 6×5×3 f3 pad 1", "avgpool", 6, 5, 3, 3, 1, 1, 0, 1, "fine"),
    ("avgpool 7×5×1 f4 same", "avgpool", 7, 5, 1, 4, 1, "same", 0, 3, "fine"),
    ("avgpool 8×9×2 f5 stride 3 pad 2", "avgpool", 8, 9, 2, 5, 3, 2, 0, 2, "fine"),
    ("avgpool 6×7×4 f3 stride 2 same", "avgpool", 6, 7, 4, 3, 2, "same", 0, 1, "fine"),
    # the SIGNS net's first layer: conv 4×4×8 same, relu, then max pool 8×8 stride 8 same (pool geometry below)
    ("SIGNS layer 1: 16×16×3 conv f4 same to 8, relu, maxpool f8 stride 8 same", "conv2d+relu+maxpool",
     16, 16, 3, 4, 1, "same", 8, 2, "coarse"),
]
SIGNS_POOL = (8, 8, "same")  # f, stride, pad of the SIGNS case's pooling


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
        if value and isinstance(value[0], list):  # a matrix: one row a line
            return "[\n" + ",\n".join(to_json(v) for v in value) + "]"
        return "[" + ", ".join(to_json(v, indent) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return number(value)


def pads(n_h, n_w, f, stride, pad):
    """(top, left, bottom, right); `same` as TensorFlow: total max((⌈n/s⌉ − 1)·s + f − n, 0), odd pixel after."""
    if pad != "same":
        return (pad, pad, pad, pad)

    def total(n):
        return max(((n + stride - 1) // stride - 1) * stride + f - n, 0)
    th, tw = total(n_h), total(n_w)
    return (th // 2, tw // 2, th - th // 2, tw - tw // 2)


def conv(x, w, b, stride, p):
    top, left, bottom, right = p
    if top == left == bottom == right:
        return F.conv2d(x, w, b, stride=stride, padding=top)
    return F.conv2d(F.pad(x, (left, right, top, bottom)), w, b, stride=stride)


def max_pool(x, f, stride, p):
    top, left, bottom, right = p
    if top == left == bottom == right and 2 * top <= f:
        return F.max_pool2d(x, f, stride, padding=top)
    return F.max_pool2d(F.pad(x, (left, right, top, bottom), value=float("-inf")), f, stride)


def avg_pool(x, f, stride, p):
    top, left, bottom, right = p
    if top == left == bottom == right and 2 * top <= f:
        return F.avg_pool2d(x, f, stride, padding=top, count_include_pad=False)
    padded = F.pad(x, (left, right, top, bottom))
    cells = F.pad(torch.ones_like(x[:1, :1]), (left, right, top, bottom))
    return (F.avg_pool2d(padded, f, stride, divisor_override=1)
            / F.avg_pool2d(cells, f, stride, divisor_override=1))


def draw(gen, shape, inputs, role):
    """Small integers over a power of two: exact in float32, so both of gradgraph's dtypes see PyTorch's inputs."""
    if inputs == "ties" and role == "x":  # 0, 1, 2: most windows hold several equal maxima
        return torch.randint(0, 3, shape, generator=gen).to(DT)
    if inputs == "coarse":  # pixels 0 or 1, weights in eighths, G whole: short numbers in the file
        if role == "x":
            return torch.randint(0, 2, shape, generator=gen).to(DT)
        if role == "g":
            return torch.randint(-2, 3, shape, generator=gen).to(DT)
        return torch.randint(-8, 9, shape, generator=gen).to(DT) / 8
    return torch.randint(-1024, 1025, shape, generator=gen).to(DT) / 1024


def images(t):
    """(m, C, H, W) → m × (H·W·C), one image a row: the transpose of gradgraph's (H·W·C) × m, which is shorter."""
    return t.detach().permute(0, 2, 3, 1).reshape(t.shape[0], -1).tolist()


def filters(t):
    """(C_out, C_in, f, f) → C_out × (f·f·C_in), gradgraph's layout."""
    return t.detach().permute(2, 3, 1, 0).reshape(-1, t.shape[0]).T.tolist()


def run(case, gen):
    name, op, h, w, c, f, stride, pad, c_out, m, inputs = case
    p = pads(h, w, f, stride, pad)
    x_nhwc = draw(gen, (m, h, w, c), inputs, "x")
    x = x_nhwc.permute(0, 3, 1, 2).contiguous().requires_grad_()  # (m, C, H, W)
    entry = {"name": name, "op": op, "height": h, "width": w, "channels": c, "filter": f, "stride": stride,
             "same": pad == "same", "pad": list(p), "filters": c_out, "batch": m}
    leaves = [x]
    if op.startswith("conv2d"):
        w_ffio = draw(gen, (f, f, c, c_out), inputs, "w")
        wt = w_ffio.permute(3, 2, 0, 1).contiguous().requires_grad_()  # (C_out, C_in, f, f)
        b = draw(gen, (c_out,), inputs, "b").requires_grad_()
        leaves += [wt, b]
        out = conv(x, wt, b, stride, p)
        if op == "conv2d+relu+maxpool":
            pf, ps, ppad = SIGNS_POOL
            pp = pads(out.shape[2], out.shape[3], pf, ps, ppad)
            entry.update({"pool_filter": pf, "pool_stride": ps, "pool_same": ppad == "same", "pool_pad": list(pp)})
            out = max_pool(F.relu(out), pf, ps, pp)
    elif op == "maxpool":
        out = max_pool(x, f, stride, p)
    else:
        out = avg_pool(x, f, stride, p)
    g_nhwc = draw(gen, (out.shape[0], out.shape[2], out.shape[3], out.shape[1]), inputs, "g")
    g = g_nhwc.permute(0, 3, 1, 2)
    (out * g).sum().backward()

    entry["x"] = images(x)
    if op.startswith("conv2d"):
        entry["w"] = filters(leaves[1])
        entry["b"] = leaves[2].detach().tolist()
    entry["g"] = images(g)
    entry["out"] = images(out)
    entry["dx"] = images(x.grad)
    if op.startswith("conv2d"):
        entry["dw"] = filters(leaves[1].grad)
        entry["db"] = leaves[2].grad.tolist()
    return entry


def main():
    gen = torch.Generator().manual_seed(27)
    reference = {
        "torch": torch.__version__,
        "dtype": str(DT),
        "cases": [run(case, gen) for case in CASES],
    }
    with open("conv_reference.json", "w") as out:
        out.write(to_json(reference) + "\n")


if __name__ == "__main__":
    main()
