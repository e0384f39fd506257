package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.bench.EncodeBenchmark;
import io.latent4j.bench.EncodeBenchmark.Figures;
import io.latent4j.bench.EncodeBenchmark.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/** {@code bench-encode}: latency and throughput of latent extraction (and of decoding). */
@Command(name = "bench-encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure latent extraction: median and p90 latency for one image, median rows/s for a batch; "
                + "the same for decoding.",
                "Without --threads, runs 1 and 2 ND4J threads alternately for --rounds rounds and prints the medians."})
final class EncodeBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--single-runs", paramLabel = "N", defaultValue = "2000",
            description = "Timed one-row calls per run and direction (default: ${DEFAULT-VALUE}).")
    int singleRuns;

    @Option(names = "--batch-runs", paramLabel = "N", defaultValue = "20",
            description = "Timed batch calls per run and direction (default: ${DEFAULT-VALUE}).")
    int batchRuns;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Runs per thread count, alternating between the counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || singleRuns < 1 || batchRuns < 1 || rounds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rows, the run counts and --rounds must be at least 1");
        }
        int[] threadCounts = common.threads != null ? new int[] {common.applyThreads(spec)} : new int[] {1, 2};
        Autoencoder ae = model.load();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d round(s) per thread count, each: %d timed one-row calls and %d timed calls on %,d rows, "
                + "per direction, after a warm-up; random inputs%n", rounds, singleRuns, batchRuns, rows);
        List<List<Result>> results = new ArrayList<>();
        for (int ignored : threadCounts) {
            results.add(new ArrayList<>());
        }
        for (int round = 1; round <= rounds; round++) {
            for (int t = 0; t < threadCounts.length; t++) {
                NativeThreads.apply(threadCounts[t]);
                Result r = EncodeBenchmark.run(ae, rows, singleRuns, batchRuns);
                results.get(t).add(r);
                out.printf(Locale.ROOT, "round %d, %d thread(s): %s; %s%n", round, threadCounts[t],
                        describe("encode", r.encode(), r.batchRows()), describe("decode", r.decode(), r.batchRows()));
            }
        }
        for (int t = 0; t < threadCounts.length; t++) {
            List<Result> runs = results.get(t);
            out.printf(Locale.ROOT, "median of %d, %d thread(s): %s; %s%n", runs.size(), threadCounts[t],
                    describe("encode", median(runs, Result::encode), rows), describe("decode", median(runs, Result::decode), rows));
        }
        return 0;
    }

    private static String describe(String what, Figures f, int rows) {
        return String.format(Locale.ROOT, "%s one row %.1f us (p90 %.1f us), %,d rows %,.0f rows/s", what,
                f.singleMedianMicros(), f.singleP90Micros(), rows, f.batchRowsPerSecond());
    }

    private static Figures median(List<Result> runs, java.util.function.Function<Result, Figures> direction) {
        return new Figures(median(runs, direction, Figures::singleMedianMicros), median(runs, direction, Figures::singleP90Micros),
                median(runs, direction, Figures::batchRowsPerSecond));
    }

    private static double median(List<Result> runs, java.util.function.Function<Result, Figures> direction,
                                 ToDoubleFunction<Figures> figure) {
        return EncodeBenchmark.quantile(runs.stream().map(direction).mapToDouble(figure).toArray(), 0.5);
    }
}
