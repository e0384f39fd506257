package io.latent4j.viz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JetColorMapTest {
    private static int[] rgb(double v) {
        int c = JetColorMap.rgb(v, 0, 1);
        return new int[] {c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF};
    }

    @Test
    void matchesMatplotlibsJetAtKnownPoints() {
        // matplotlib: jet(0) = (0, 0, 0.5), jet(0.5) = (0.4839, 1, 0.4839), jet(1) = (0.5, 0, 0)
        assertEquals(java.util.List.of(0, 0, 128), java.util.List.of(rgb(0)[0], rgb(0)[1], rgb(0)[2]));
        int[] mid = rgb(0.5);
        assertEquals(123, mid[0]);
        assertEquals(255, mid[1]);
        assertEquals(123, mid[2]);
        int[] top = rgb(1);
        assertEquals(128, top[0]);
        assertEquals(0, top[1]);
        assertEquals(0, top[2]);
    }

    @Test
    void clampsOutsideTheColourLimits() {
        assertEquals(JetColorMap.rgb(0, 0, 1), JetColorMap.rgb(-3, 0, 1));
        assertEquals(JetColorMap.rgb(1, 0, 1), JetColorMap.rgb(7, 0, 1));
        assertEquals(JetColorMap.rgb(0.25, 0, 1), JetColorMap.rgb(2.5, 0, 10));
    }
}
