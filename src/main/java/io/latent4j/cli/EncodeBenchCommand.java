package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.bench.EncodeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench-encode}: latency and throughput of latent extraction. */
@Command(name = "bench-encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure latent extraction: median latency for one image, median rows/s for a batch.")
final class EncodeBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--single-runs", paramLabel = "N", defaultValue = "2000",
            description = "Timed one-image calls (default: ${DEFAULT-VALUE}).")
    int singleRuns;

    @Option(names = "--batch-runs", paramLabel = "N", defaultValue = "20",
            description = "Timed batch calls (default: ${DEFAULT-VALUE}).")
    int batchRuns;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || singleRuns < 1 || batchRuns < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rows and the run counts must be at least 1");
        }
        int threads = common.applyThreads(spec);
        Autoencoder ae = model.load();
        EncodeBenchmark.Result r = EncodeBenchmark.run(ae, rows, singleRuns, batchRuns);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "encode, %d thread(s): one image median %.1f us (p90 %.1f us, %d runs); %,d rows median %,.0f rows/s (%d runs)%n",
                threads, r.singleMedianMicros(), r.singleP90Micros(), r.singleRuns(), r.batchRows(),
                r.batchRowsPerSecond(), r.batchRuns());
        return 0;
    }
}
