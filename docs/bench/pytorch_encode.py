#!/usr/bin/env python3
"""PyTorch peer of `bench-encode`: the same 784-500-300-2 encoder and 2-300-500-784 decoder
(tanh hidden layers, linear latent and output), float32, timed the same way: per thread count
and round, the median and p90 of timed one-row calls and the median rows/s of timed calls on a
batch, after a warm-up, on random inputs (pixels in [0, 1), codes in [0, 4)). Weights are random:
the time does not depend on their values.

    /usr/bin/python3 docs/bench/pytorch_encode.py [--rows 10000] [--rounds 3]

(Debian's torch: `apt-get install python3-torch libopenblas0-pthread`; run with /usr/bin/python3.)
torch.set_num_threads does not limit the OpenBLAS that Debian's torch calls for its products,
which starts one thread per core: set OPENBLAS_NUM_THREADS to the same count for a run of one
thread count (docs/bench/compare_*.sh do).
"""
import argparse
import statistics
import time

import torch


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        # tanh after every layer but the last: the latent and the reconstruction layer are linear.
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers).eval()


def quantile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def figures(net, batch, single_runs, batch_runs):
    one = batch[:1].clone()
    for _ in range(max(200, single_runs // 5)):
        net(one)
    for _ in range(3):
        net(batch)
    single = []
    for _ in range(single_runs):
        start = time.perf_counter_ns()
        net(one)
        single.append((time.perf_counter_ns() - start) / 1e3)
    rates = []
    for _ in range(batch_runs):
        start = time.perf_counter_ns()
        net(batch)
        rates.append(len(batch) / ((time.perf_counter_ns() - start) / 1e9))
    return quantile(single, 0.5), quantile(single, 0.9), quantile(rates, 0.5)


def describe(what, f, rows):
    return f"{what} one row {f[0]:.1f} us (p90 {f[1]:.1f} us), {rows:,} rows {f[2]:,.0f} rows/s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--single-runs", type=int, default=2000)
    parser.add_argument("--batch-runs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    torch.manual_seed(1)
    encoder = mlp([784, 500, 300, 2])
    decoder = mlp([2, 300, 500, 784])
    images = torch.rand(args.rows, 784)
    codes = torch.rand(args.rows, 2) * 4
    print(f"torch {torch.__version__}; {args.rounds} round(s) per thread count, each: {args.single_runs} timed one-row "
          f"calls and {args.batch_runs} timed calls on {args.rows:,} rows, per direction, after a warm-up; random inputs")
    results = {t: [] for t in args.threads}
    with torch.inference_mode():
        for r in range(1, args.rounds + 1):
            for t in args.threads:
                torch.set_num_threads(t)
                enc = figures(encoder, images, args.single_runs, args.batch_runs)
                dec = figures(decoder, codes, args.single_runs, args.batch_runs)
                results[t].append((enc, dec))
                print(f"round {r}, {t} thread(s): {describe('encode', enc, args.rows)}; {describe('decode', dec, args.rows)}")
    for t in args.threads:
        runs = results[t]
        med = [tuple(statistics.median_high(run[d][k] for run in runs) for k in range(3)) for d in range(2)]
        print(f"median of {len(runs)}, {t} thread(s): {describe('encode', med[0], args.rows)}; "
              f"{describe('decode', med[1], args.rows)}")


if __name__ == "__main__":
    main()
