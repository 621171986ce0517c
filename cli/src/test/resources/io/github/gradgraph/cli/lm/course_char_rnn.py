#!/usr/bin/env python3
"""The classic course's character-level RNN training loop (its dinosaur-name model: rnn_forward, rnn_backward,
clip, update_parameters, stateful a_prev, idx = j % len(examples)), transcribed in numpy, run on a small text of
generated names, to pin `gradgraph lm` to it step by step. Writes beside this script:

- names.txt: the text (generated here, deterministic; lowercase letters and line ends, as the course's file);
- init.safetensors: the course's initialize_parameters (seed 1; Wax, Waa, Wya ~ 0.01·N(0, 1); b, by zeros), float64;
- course_losses.json: {"steps": N, "loss": [the per-step loss curr_loss of each optimize() call], "final": {name:
  row-major values of each parameter after N steps}}.

    /usr/bin/python3 course_char_rnn.py
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 400
N_A = 50


def names():
    rng = np.random.RandomState(7)
    parts = ["sau", "rus", "don", "tyr", "ano", "cera", "tops", "rap", "tor", "ptero", "dac", "bra", "chio", "allo",
             "stego", "mega", "lo", "nyx", "ia", "ven", "ator", "spino", "igu", "odon", "pachy", "cephal", "xeno",
             "qua", "zau", "kwe", "jub", "flu"]
    out = []
    while len(out) < 150:
        n = "".join(parts[rng.randint(len(parts))] for _ in range(rng.randint(1, 4)))
        if n not in out:
            out.append(n)
    return out


def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def rnn_step_forward(p, a_prev, x):
    a_next = np.tanh(np.dot(p["Wax"], x) + np.dot(p["Waa"], a_prev) + p["b"])
    return a_next, softmax(np.dot(p["Wya"], a_next) + p["by"])


def rnn_forward(X, Y, a0, p, vocab_size):
    x, a, y_hat = {}, {}, {}
    a[-1] = np.copy(a0)
    loss = 0
    for t in range(len(X)):
        x[t] = np.zeros((vocab_size, 1))
        if X[t] is not None:
            x[t][X[t]] = 1
        a[t], y_hat[t] = rnn_step_forward(p, a[t - 1], x[t])
        loss -= np.log(y_hat[t][Y[t], 0])
    return loss, (y_hat, a, x)


def rnn_step_backward(dy, g, p, x, a, a_prev):
    g["dWya"] += np.dot(dy, a.T)
    g["dby"] += dy
    da = np.dot(p["Wya"].T, dy) + g["da_next"]
    daraw = (1 - a * a) * da
    g["db"] += daraw
    g["dWax"] += np.dot(daraw, x.T)
    g["dWaa"] += np.dot(daraw, a_prev.T)
    g["da_next"] = np.dot(p["Waa"].T, daraw)
    return g


def rnn_backward(X, Y, p, cache):
    y_hat, a, x = cache
    g = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    g["da_next"] = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1
        g = rnn_step_backward(dy, g, p, x[t], a[t], a[t - 1])
    return g, a


def optimize(X, Y, a_prev, p, vocab_size, lr=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, p, vocab_size)
    g, a = rnn_backward(X, Y, p, cache)
    for k in ["dWax", "dWaa", "dWya", "db", "dby"]:
        np.clip(g[k], -5, 5, out=g[k])
    for k in p:
        p[k] += -lr * g["d" + k]
    return loss, a[len(X) - 1]


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, v in tensors.items():
        data = np.ascontiguousarray(v, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(v.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header).encode()
    head += b" " * ((8 - len(head) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def main():
    examples = names()
    text = "\n".join(examples) + "\n"
    with open(os.path.join(HERE, "names.txt"), "w") as f:
        f.write(text)
    chars = sorted(set(text))
    char_to_ix = {c: i for i, c in enumerate(chars)}
    vocab = len(chars)
    np.random.seed(1)
    p = {"Wax": np.random.randn(N_A, vocab) * 0.01, "Waa": np.random.randn(N_A, N_A) * 0.01,
         "Wya": np.random.randn(vocab, N_A) * 0.01, "b": np.zeros((N_A, 1)), "by": np.zeros((vocab, 1))}
    save_safetensors(os.path.join(HERE, "init.safetensors"), p)
    a_prev = np.zeros((N_A, 1))
    losses = []
    for j in range(STEPS):
        ix = [char_to_ix[c] for c in examples[j % len(examples)]]
        X = [None] + ix
        Y = X[1:] + [char_to_ix["\n"]]
        loss, a_prev = optimize(X, Y, a_prev, p, vocab)
        losses.append(float(loss))
    with open(os.path.join(HERE, "course_losses.json"), "w") as f:
        json.dump({"steps": STEPS, "loss": losses, "final": {k: v.ravel().tolist() for k, v in p.items()}}, f)
    print(f"{len(examples)} names, vocabulary {vocab}, loss {losses[0]:.6f} → {losses[-1]:.6f}")


if __name__ == "__main__":
    main()
