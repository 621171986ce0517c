#!/usr/bin/env python3
"""The classic course's image-classifier run in numpy, for comparison with gradgraph's EndToEnd bench.

[12288, 20, 7, 5, 1] relu/sigmoid network, full batch, 2,500 gradient-descent iterations, lr 0.0075, on the CSV that
`java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.EndToEnd` writes (bench/target/cat-like.csv).
Prints the load and training wall times.

    python3 bench/e2e_numpy.py [iterations] [file.csv]
"""
import sys
import time

import numpy as np

from numpy_step import step


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
    path = sys.argv[2] if len(sys.argv) > 2 else "bench/target/cat-like.csv"
    t0 = time.perf_counter()
    table = np.loadtxt(path, delimiter=",")
    x = np.ascontiguousarray(table[:, :-1].T)
    y = table[:, -1:].T.copy()
    t1 = time.perf_counter()
    layers = [12288, 20, 7, 5, 1]
    rng = np.random.default_rng(1)
    ws = [rng.standard_normal((layers[l], layers[l - 1])) * np.sqrt(2.0 / layers[l - 1]) for l in range(1, 5)]
    bs = [np.zeros((layers[l], 1)) for l in range(1, 5)]
    for _ in range(iterations):
        step(ws, bs, x, y, False, lr=0.0075)
    t2 = time.perf_counter()
    print(f"numpy: {iterations} iterations; load {t1 - t0:.2f} s, train {t2 - t1:.2f} s "
          f"({(t2 - t1) * 1e6 / iterations:.0f} µs per iteration), total {t2 - t0:.2f} s")


if __name__ == "__main__":
    main()
