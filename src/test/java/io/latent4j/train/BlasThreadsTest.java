package io.latent4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlasThreadsTest {

    @Test
    void sectionsLowerTheCountToOneAndTheLastRestoresIt() {
        int before = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(2);
        try {
            BlasThreads.Section outer = BlasThreads.single();
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            assertEquals(2, BlasThreads.configured(), "what was configured, not the lowered count");
            BlasThreads.Section inner = BlasThreads.single();
            outer.close();
            outer.close();
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "a section is still open");
            assertEquals(2, BlasThreads.configured());
            inner.close();
            assertEquals(2, Nd4j.factory().blas().getMaxThreads());
            assertEquals(2, BlasThreads.configured());
        } finally {
            Nd4j.factory().blas().setMaxThreads(before);
        }
    }
}
