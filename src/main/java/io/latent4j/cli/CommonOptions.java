package io.latent4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command shares: threads, verbosity. */
final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for ND4J's operations (default: $OMP_NUM_THREADS, else 1).")
    Integer threads;

    @Option(names = "--quiet", description = "Print only the final summary.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show stack traces on failure.")
    boolean verbose;

    /** Chooses and applies the ND4J thread count; returns it. */
    int applyThreads(CommandSpec spec) {
        int n = NativeThreads.choose(threads);
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        NativeThreads.apply(n);
        return n;
    }
}
