package io.latent4j.train;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's BLAS thread count while Java threads run products of their own. OpenBLAS has one
 * process-wide count; two Java threads each calling single-threaded sgemm on their own rows beat
 * one call on two BLAS threads (docs/performance.md), so sections that do that lower the count to
 * 1 and the last one to end restores what was configured. Nested and concurrent sections share
 * one saved count.
 */
final class BlasThreads {
    private static int openSections;
    private static int configured;

    private BlasThreads() {
    }

    /** The count configured outside any section: what the caller asked ND4J for. */
    static synchronized int configured() {
        return openSections > 0 ? configured : Nd4j.factory().blas().getMaxThreads();
    }

    /** Lowers the BLAS count to 1 until the returned section is closed. */
    static synchronized Section single() {
        if (openSections++ == 0) {
            configured = Nd4j.factory().blas().getMaxThreads();
            Nd4j.factory().blas().setMaxThreads(1);
        }
        return new Section();
    }

    private static synchronized void end() {
        if (--openSections == 0) {
            Nd4j.factory().blas().setMaxThreads(configured);
        }
    }

    /** An open section; closing it more than once ends it once. */
    static final class Section implements AutoCloseable {
        private boolean closed;

        private Section() {
        }

        @Override
        public void close() {
            synchronized (BlasThreads.class) {
                if (!closed) {
                    closed = true;
                    end();
                }
            }
        }
    }
}
