#!/usr/bin/env python3
"""PyTorch peer of `bench` for training: the tutorial's 784-500-300-2-300-500-784 network (tanh
hidden layers, linear latent and output), MSE, Adam at 1e-4, float32, one step per batch of 50
rows drawn at random from a fixed pool of random pixels. Prints the median ms/iteration over
timed steps, per thread count and round, after untimed warm-up steps.

    /usr/bin/python3 docs/bench/pytorch_train.py [--steps 300] [--rounds 3] [--threads 2 1]

(Debian's torch: `apt-get install python3-torch libopenblas0-pthread`; run with /usr/bin/python3.)
torch.set_num_threads does not limit the OpenBLAS that Debian's torch calls for its products,
which starts one thread per core: set OPENBLAS_NUM_THREADS to the same count for a run of one
thread count (docs/bench/compare_*.sh do).
"""
import argparse
import statistics
import time

import torch


def network():
    sizes = [784, 500, 300, 2, 300, 500, 784]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2 and sizes[i + 1] != 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=[2, 1])
    args = parser.parse_args()
    torch.manual_seed(1)
    pool = torch.rand(10000, 784)
    print(f"torch {torch.__version__}; per round and thread count: {args.warmup} untimed and {args.steps} timed "
          f"steps of batch {args.batch}")
    for r in range(1, args.rounds + 1):
        for t in args.threads:
            torch.set_num_threads(t)
            net = network()
            adam = torch.optim.Adam(net.parameters(), lr=1e-4)
            loss_fn = torch.nn.MSELoss()
            times = []
            for step in range(args.warmup + args.steps):
                x = pool[torch.randint(0, len(pool), (args.batch,))]
                start = time.perf_counter_ns()
                adam.zero_grad(set_to_none=True)
                loss = loss_fn(net(x), x)
                loss.backward()
                adam.step()
                if step >= args.warmup:
                    times.append((time.perf_counter_ns() - start) / 1e6)
            print(f"round {r}, {t} thread(s): {statistics.median(times):.3f} ms/iteration (median of {len(times)} steps)")


if __name__ == "__main__":
    main()
