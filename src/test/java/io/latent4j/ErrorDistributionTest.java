package io.latent4j;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorDistributionTest {
    @Test
    void quantilesInterpolateLinearlyBetweenSortedValues() {
        // Sorted: 1, 2, 3, 4, 10 (n = 5). Type 7: h = 4 * level.
        // 0.5: h = 2 -> 3. 0.9: h = 3.6 -> 4 + 0.6 * (10 - 4) = 7.6. 0.95: h = 3.8 -> 4 + 0.8 * 6 = 8.8.
        // 0.99: h = 3.96 -> 4 + 0.96 * 6 = 9.76. 0.999: h = 3.996 -> 9.976. Mean 20 / 5 = 4.
        ErrorDistribution d = ErrorDistribution.of(new double[] {10, 3, 1, 4, 2});
        assertEquals(5, d.count());
        assertEquals(4, d.mean(), 1e-12);
        assertEquals(10, d.max());
        assertEquals(List.of(0.5, 0.9, 0.95, 0.99, 0.999), d.quantiles().stream().map(ErrorDistribution.Quantile::level).toList());
        double[] expected = {3, 7.6, 8.8, 9.76, 9.976};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], d.quantiles().get(i).value(), 1e-12, "level " + d.quantiles().get(i).level());
        }
        assertEquals(9.76, d.quantile(0.99).orElseThrow(), 1e-12);
        assertTrue(d.quantile(0.97).isEmpty(), "only recorded levels");
        assertEquals(1, ErrorDistribution.quantile(new double[] {1, 2}, 0));
        assertEquals(2, ErrorDistribution.quantile(new double[] {1, 2}, 1));
        assertEquals(5, ErrorDistribution.of(new double[] {5}).quantile(0.5).orElseThrow());
    }

    @Test
    void inconsistentDistributionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ErrorDistribution.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new ErrorDistribution(3, 1, 2,
                List.of(new ErrorDistribution.Quantile(0.5, 1.5), new ErrorDistribution.Quantile(0.9, 1.0))));
        assertThrows(IllegalArgumentException.class, () -> new ErrorDistribution(3, 1, 2,
                List.of(new ErrorDistribution.Quantile(0.5, 3))));
        assertThrows(IllegalArgumentException.class, () -> new ErrorDistribution(0, 1, 2, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ErrorDistribution(3, Double.NaN, 2, List.of()));
    }
}
