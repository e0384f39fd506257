package io.latent4j.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TanhTest {
    @Test
    void staysWithinAFewUlpsOfMathTanhEverywhere() {
        double worstUlps = 0;
        for (float x = -12f; x <= 12f; x += 1e-4f) {
            double exact = Math.tanh(x);
            double ulps = Math.abs(Tanh.of(x) - exact) / Math.ulp((float) exact);
            worstUlps = Math.max(worstUlps, ulps);
        }
        assertTrue(worstUlps <= 8, "worst error " + worstUlps + " ulps");
    }

    @Test
    void keepsTheLimitsSignsAndNaN() {
        assertEquals(1f, Tanh.of(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Tanh.of(-50f));
        assertEquals(0f, Tanh.of(0f));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Tanh.of(-0f)));
        assertEquals(1e-8f, Tanh.of(1e-8f), 1e-15f);
        assertTrue(Float.isNaN(Tanh.of(Float.NaN)), "NaN must propagate so divergence is detected");
    }
}
