#!/usr/bin/env python3
"""Writes recurrent_reference.json: what PyTorch's nn.RNN (tanh), nn.LSTM and nn.GRU compute, forward and backward,
on small fixed random cases, written in gradgraph's names and layouts so that a Java test compares without remapping.

Everything is float64 with fixed seeds. Each layer has one layer, batch_first=False. For each case the scalar

    L = sum_t <R_t, h_t>            (+ <Rc, c_T> for the LSTM)

with a fixed random R is differentiated with respect to every weight, the input x and the initial state h0 (and c0).

Layouts (gradgraph's column-per-sequence layout):
  * a sequence batch x is a (T*nx) x m matrix: step t is rows t*nx ... (t+1)*nx - 1, one column per sequence
    (PyTorch's x[t, j, k] is our row t*nx + k, column j); the hidden outputs h (and R) likewise, (T*na) x m;
  * h0, c0, Rc and cT are na x m (PyTorch's h0[0].T);
  * every matrix is a row-major nested list [[row0...], [row1...]]; a bias is an na x 1 matrix [[b0], [b1], ...];
  * numbers have 17 significant digits, so a reader gets back the exact doubles.

Names (PyTorch's weight rows are gates i, f, g, o for the LSTM and r, z, n for the GRU):
  * rnn:  a<t> = tanh(Wax x<t> + Waa a<t-1> + b); Wax = weight_ih_l0, Waa = weight_hh_l0, b = bias_ih_l0 + bias_hh_l0
          (dL/db equals the gradient of each of the two PyTorch biases).
  * lstm: each gate's W is na x (na + nx), applied to [a<t-1>; x<t>], hidden columns first:
          Gf = sigmoid(Wf [a; x] + bf), Gi = sigmoid(Wi [a; x] + bi), c~ = tanh(Wc [a; x] + bc),
          Go = sigmoid(Wo [a; x] + bo), c<t> = Gf * c<t-1> + Gi * c~, a<t> = Go * tanh(c<t>);
          Wf = [W_hf | W_if], bf = b_if + b_hf; Wi from gate i, Wc from gate g, Wo from gate o.
  * gru:  r = sigmoid(Wr [h; x] + br), z = sigmoid(Wz [h; x] + bz), n = tanh(Wnx x + bnx + r * (Wna h + bna)),
          h' = (1 - z) * n + z * h; Wr = [W_hr | W_ir], br = b_ir + b_hr; Wz = [W_hz | W_iz], bz = b_iz + b_hz;
          Wnx = W_in (na x nx), bnx = b_in; Wna = W_hn (na x na), bna = b_hn.

The file is {"generator": ..., "torch": version, "cases": [case, ...]}, each case

    {"name", "kind": "rnn" | "lstm" | "gru", "nx", "na", "T", "m", "x", "h0", "c0" (lstm),
     "params": {name: matrix}, "R", "Rc" (lstm), "h", "cT" (lstm), "loss",
     "grads": {name: matrix for every param, "x", "h0", "c0" (lstm)}}

The script checks itself: it recomputes each forward pass in plain torch ops from the mapped weights (our names, our
layout, as leaf tensors), asserts the outputs equal the nn module's to 1e-12, and asserts that autograd's gradients of
that recomputation equal the nn module's gradients mapped to our names, also to 1e-12. So the mapping is right by
construction.

Needs PyTorch (Debian: apt-get install -y python3-torch). Rerun from this folder:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 recurrent_reference.py
"""
import json

import torch

torch.set_default_dtype(torch.float64)
TOL = 1e-12

# (kind, nx, na, T, m, zero initial state)
CASES = [
    ("rnn", 1, 1, 1, 1, True), ("rnn", 3, 2, 4, 2, False), ("rnn", 2, 5, 3, 3, True), ("rnn", 5, 6, 5, 3, False),
    ("rnn", 4, 3, 2, 1, False),
    ("lstm", 1, 1, 1, 1, True), ("lstm", 3, 2, 4, 2, False), ("lstm", 2, 5, 3, 3, True), ("lstm", 5, 6, 5, 3, False),
    ("lstm", 4, 3, 2, 1, False),
    ("gru", 1, 1, 1, 1, True), ("gru", 3, 2, 4, 2, False), ("gru", 2, 5, 3, 3, True), ("gru", 5, 6, 5, 3, False),
    ("gru", 4, 3, 2, 1, False),
]


def number(x):
    return "%.17g" % x


def to_json(value, indent=""):
    """JSON with every number spelled by number(); a matrix row on one line."""
    if isinstance(value, dict):
        inner = indent + " "
        items = [inner + json.dumps(k) + ": " + to_json(v, inner) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            inner = indent + " "
            return "[\n" + ",\n".join(inner + to_json(v, inner) for v in value) + "\n" + indent + "]"
        return "[" + ", ".join(to_json(v, indent) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return number(value)


def mat(t):
    """A 2-D tensor (a 1-D one as a column) as a row-major nested list."""
    t = t.detach()
    if t.dim() == 1:
        t = t.unsqueeze(1)
    assert t.dim() == 2
    return [[float(v) for v in row] for row in t]


def seq_ours(t):
    """PyTorch (T, m, n) -> ours (T*n) x m."""
    T, m, n = t.shape
    return t.permute(0, 2, 1).reshape(T * n, m)


def close(a, b, what):
    d = (a - b).abs().max().item() if a.numel() else 0.0
    assert a.shape == b.shape and d <= TOL, "%s: %s vs %s, max difference %g" % (what, a.shape, b.shape, d)


def gates(w, k, na):
    return w[k * na:(k + 1) * na]


def mapped(kind, mod, na):
    """Our parameters from the module's (tensors, not leaves), and the same for the module's gradients."""
    def pick(get):
        wi, wh, bi, bh = (get(mod.weight_ih_l0), get(mod.weight_hh_l0), get(mod.bias_ih_l0), get(mod.bias_hh_l0))
        if kind == "rnn":
            return {"Wax": wi, "Waa": wh, "b": (bi + bh).unsqueeze(1)}
        if kind == "lstm":
            p = {}
            for name, k in (("f", 1), ("i", 0), ("c", 2), ("o", 3)):  # PyTorch rows: i, f, g, o
                p["W" + name] = torch.cat([gates(wh, k, na), gates(wi, k, na)], dim=1)
                p["b" + name] = (gates(bi, k, na) + gates(bh, k, na)).unsqueeze(1)
            return p
        p = {}
        for name, k in (("r", 0), ("z", 1)):  # PyTorch rows: r, z, n
            p["W" + name] = torch.cat([gates(wh, k, na), gates(wi, k, na)], dim=1)
            p["b" + name] = (gates(bi, k, na) + gates(bh, k, na)).unsqueeze(1)
        p["Wnx"], p["bnx"] = gates(wi, 2, na), gates(bi, 2, na).unsqueeze(1)
        p["Wna"], p["bna"] = gates(wh, 2, na), gates(bh, 2, na).unsqueeze(1)
        return p

    values = {k: v.detach() for k, v in pick(lambda t: t).items()}
    grads = pick(lambda t: t.grad)
    if kind == "rnn":  # b's gradient is each PyTorch bias's, not their sum
        grads["b"] = mod.bias_ih_l0.grad.unsqueeze(1)
    elif kind == "lstm":
        for name, k in (("f", 1), ("i", 0), ("c", 2), ("o", 3)):
            close(gates(mod.bias_ih_l0.grad, k, na), gates(mod.bias_hh_l0.grad, k, na), "lstm bias grads")
            grads["b" + name] = gates(mod.bias_ih_l0.grad, k, na).unsqueeze(1)
    else:
        for name, k in (("r", 0), ("z", 1)):
            close(gates(mod.bias_ih_l0.grad, k, na), gates(mod.bias_hh_l0.grad, k, na), "gru bias grads")
            grads["b" + name] = gates(mod.bias_ih_l0.grad, k, na).unsqueeze(1)
    return values, grads


def ours_forward(kind, p, x, h0, c0, nx, na, T):
    """The forward pass in our names and layout: x (T*nx) x m, h0/c0 na x m; returns h (T*na) x m and c_T."""
    a, c, hs = h0, c0, []
    for t in range(T):
        xt = x[t * nx:(t + 1) * nx]
        if kind == "rnn":
            a = torch.tanh(p["Wax"] @ xt + p["Waa"] @ a + p["b"])
        elif kind == "lstm":
            ax = torch.cat([a, xt], dim=0)
            gf = torch.sigmoid(p["Wf"] @ ax + p["bf"])
            gi = torch.sigmoid(p["Wi"] @ ax + p["bi"])
            cc = torch.tanh(p["Wc"] @ ax + p["bc"])
            go = torch.sigmoid(p["Wo"] @ ax + p["bo"])
            c = gf * c + gi * cc
            a = go * torch.tanh(c)
        else:
            ax = torch.cat([a, xt], dim=0)
            r = torch.sigmoid(p["Wr"] @ ax + p["br"])
            z = torch.sigmoid(p["Wz"] @ ax + p["bz"])
            n = torch.tanh(p["Wnx"] @ xt + p["bnx"] + r * (p["Wna"] @ a + p["bna"]))
            a = (1 - z) * n + z * a
        hs.append(a)
    return torch.cat(hs, dim=0), c


def case(index, kind, nx, na, T, m, zero_state):
    torch.manual_seed(1000 + index)
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    kwargs = {"nonlinearity": "tanh"} if kind == "rnn" else {}
    mod = cls(nx, na, num_layers=1, batch_first=False, **kwargs)
    x = torch.randn(T, m, nx, requires_grad=True)
    h0 = (torch.zeros(1, m, na) if zero_state else 0.8 * torch.randn(1, m, na)).requires_grad_()
    c0 = (torch.zeros(1, m, na) if zero_state else torch.randn(1, m, na)).requires_grad_()
    R = torch.randn(T, m, na)
    Rc = torch.randn(1, m, na)
    if kind == "lstm":
        out, (hT, cT) = mod(x, (h0, c0))
        loss = (R * out).sum() + (Rc * cT).sum()
    else:
        out, hT = mod(x, h0)
        loss = (R * out).sum()
    loss.backward()
    values, grads = mapped(kind, mod, na)

    # the same pass from our names, as leaves, so autograd checks the gradient mapping too
    leaves = {k: v.clone().requires_grad_() for k, v in values.items()}
    xo = seq_ours(x.detach()).clone().requires_grad_()
    h0o = h0.detach()[0].T.clone().requires_grad_()
    c0o = c0.detach()[0].T.clone().requires_grad_()
    h, cTo = ours_forward(kind, leaves, xo, h0o, c0o if kind == "lstm" else None, nx, na, T)
    close(h, seq_ours(out.detach()), kind + " outputs")
    lo = (seq_ours(R) * h).sum()
    if kind == "lstm":
        close(cTo, cT.detach()[0].T, "lstm c_T")
        lo = lo + (Rc[0].T * cTo).sum()
    assert abs(lo.item() - loss.item()) <= TOL * max(1.0, abs(loss.item())), (lo.item(), loss.item())
    lo.backward()
    for k in values:
        close(leaves[k].grad, grads[k], "%s gradient of %s" % (kind, k))
    close(xo.grad, seq_ours(x.grad), kind + " gradient of x")
    close(h0o.grad, h0.grad[0].T, kind + " gradient of h0")
    if kind == "lstm":
        close(c0o.grad, c0.grad[0].T, "lstm gradient of c0")

    d = {"name": "%s nx=%d na=%d T=%d m=%d %s state" % (kind, nx, na, T, m, "zero" if zero_state else "random"),
         "kind": kind, "nx": nx, "na": na, "T": T, "m": m,
         "x": mat(seq_ours(x.detach())), "h0": mat(h0.detach()[0].T)}
    if kind == "lstm":
        d["c0"] = mat(c0.detach()[0].T)
    d["params"] = {k: mat(v) for k, v in values.items()}
    d["R"] = mat(seq_ours(R))
    if kind == "lstm":
        d["Rc"] = mat(Rc[0].T)
    d["h"] = mat(seq_ours(out.detach()))
    if kind == "lstm":
        d["cT"] = mat(cT.detach()[0].T)
    d["loss"] = loss.item()
    g = {k: mat(v) for k, v in grads.items()}
    g["x"] = mat(seq_ours(x.grad))
    g["h0"] = mat(h0.grad[0].T)
    if kind == "lstm":
        g["c0"] = mat(c0.grad[0].T)
    d["grads"] = g
    return d


def main():
    cases = [case(i, *c) for i, c in enumerate(CASES)]
    doc = {"generator": "recurrent_reference.py", "torch": torch.__version__, "cases": cases}
    with open("recurrent_reference.json", "w") as f:
        f.write(to_json(doc) + "\n")
    print("wrote %d cases; every forward pass and gradient matched the mapped recomputation to %g" % (len(cases), TOL))


if __name__ == "__main__":
    main()
