#!/usr/bin/env python3
"""LeNet-5 on Fashion-MNIST in PyTorch, the schedule of gradgraph's README command, for the accuracy to compare with:
28x28x1, conv 5x5x6 pad 2, relu, max-pool 2, conv 5x5x16, relu, max-pool 2, dense 120, 84 (relu), 10 (softmax);
Adam lr 0.001, batch 64, 5 epochs, pixels / 255, shuffled each epoch; trains on the 60,000 training images and prints
the test accuracy on the official 10,000 after each epoch. Reads Debian's dataset-fashion-mnist package.

    apt-get install python3-torch dataset-fashion-mnist && /usr/bin/python3 bench/torch_lenet_fashion.py [seed]
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

FOLDER = os.environ.get("GRADGRAPH_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def idx(name):
    with gzip.open(os.path.join(FOLDER, name)) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.manual_seed(seed)
    torch.set_num_threads(os.cpu_count())
    x = torch.tensor(idx("train-images-idx3-ubyte.gz"), dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.int64)
    xt = torch.tensor(idx("t10k-images-idx3-ubyte.gz"), dtype=torch.float32).unsqueeze(1) / 255
    yt = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.int64)
    net = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                        nn.Linear(84, 10))
    opt = torch.optim.Adam(net.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, seed {seed}")
    for epoch in range(1, 6):
        t0 = time.perf_counter()
        order = torch.randperm(len(x))
        net.train()
        for i in range(0, len(x), 64):
            batch = order[i:i + 64]
            opt.zero_grad()
            loss = loss_fn(net(x[batch]), y[batch])
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            accuracy = (net(xt).argmax(1) == yt).float().mean().item()
        print(f"epoch {epoch}: loss {loss.item():.4f}, test accuracy {accuracy:.4f} ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
