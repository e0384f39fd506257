package io.latent4j.cli;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's thread count. On small matrices like this network's, extra OpenMP threads cost more in
 * synchronisation than they gain: measured on 2 cores, 1 thread trains ~2x faster than 2.
 * ND4J reads {@code OMP_NUM_THREADS} only at start-up, and {@code mvn exec:java} cannot set
 * environment variables, so the count is also applied through ND4J's API.
 */
final class NativeThreads {
    static final String ENV = "OMP_NUM_THREADS";
    static final int DEFAULT = 1;

    private NativeThreads() {
    }

    /** The count to use: the option if given, else {@code OMP_NUM_THREADS}, else 1. */
    static int choose(Integer option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv(ENV);
        if (env != null) {
            try {
                int n = Integer.parseInt(env.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // An unusable environment value falls back to the default, as OpenMP itself does.
            }
        }
        return DEFAULT;
    }

    /** Applies {@code n} to ND4J's op threads and its BLAS. */
    static void apply(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }
}
