package io.latent4j.train;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnomalyMetricsTest {
    // Seven rows, anomalous (P) or normal (N), with a tie at 0.5 between a P and an N:
    //   0.9 P, 0.8 P, 0.7 N, 0.5 P, 0.5 N, 0.3 N, 0.2 P    (4 P, 3 N)
    private static final double[] SCORES = {0.5, 0.9, 0.3, 0.8, 0.5, 0.2, 0.7};
    private static final boolean[] ANOMALOUS = {true, true, false, true, false, true, false};

    @Test
    void aucCountsTiesAsOneHalf() {
        // Pairs (P above N): 0.9 beats 3 N, 0.8 beats 3, 0.5P beats 0.3 and ties 0.5N (1.5), 0.2 beats none:
        // 7.5 of 4 * 3 = 12 pairs = 0.625. Midranks: 0.2->1, 0.3->2, 0.5,0.5->3.5, 0.7->5, 0.8->6, 0.9->7;
        // positive ranks 1 + 3.5 + 6 + 7 = 17.5, U = 17.5 - 4 * 5 / 2 = 7.5.
        assertEquals(0.625, AnomalyMetrics.rocAuc(SCORES, ANOMALOUS), 1e-12);
    }

    @Test
    void averagePrecisionTakesTiedRowsTogether() {
        // From the top: 0.9 (P) precision 1/1, recall +1/4; 0.8 (P) 2/2, +1/4; 0.7 (N) adds no recall;
        // 0.5 (P and N together) 3/5, +1/4; 0.3 (N) none; 0.2 (P) 4/7, +1/4.
        // AP = (1 + 1 + 3/5 + 4/7) / 4 = 0.7928571... (taking the tied P before the N would give 3/4, 0.8303571...).
        assertEquals((1 + 1 + 0.6 + 4.0 / 7) / 4, AnomalyMetrics.averagePrecision(SCORES, ANOMALOUS), 1e-12);
    }

    @Test
    void rocCurveStepsThroughTheDistinctScoresAndItsAreaIsTheAuc() {
        double[][] curve = AnomalyMetrics.rocCurve(SCORES, ANOMALOUS);
        assertArrayEquals(new double[] {0, 0, 0, 1 / 3.0, 2 / 3.0, 1, 1}, curve[0], 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.5, 0.75, 0.75, 1}, curve[1], 1e-12);
        Random random = new Random(5);
        double[] scores = new double[500];
        boolean[] positive = new boolean[500];
        for (int i = 0; i < scores.length; i++) {
            positive[i] = i % 3 == 0;
            // Rounded so that many scores tie.
            scores[i] = Math.round((random.nextGaussian() + (positive[i] ? 1 : 0)) * 4) / 4.0;
        }
        double[][] c = AnomalyMetrics.rocCurve(scores, positive);
        double area = 0;
        for (int i = 1; i < c[0].length; i++) {
            area += (c[0][i] - c[0][i - 1]) * (c[1][i] + c[1][i - 1]) / 2;
        }
        assertEquals(AnomalyMetrics.rocAuc(scores, positive), area, 1e-12, "trapezoids = Mann-Whitney with midranks");
    }

    @Test
    void recallAndFalsePositiveRateCountRowsAboveTheThreshold() {
        // Above 0.5: 0.9 P, 0.8 P, 0.7 N: recall 2/4, false-positive rate 1/3; the rows at 0.5 are not above it.
        AnomalyMetrics.AtThreshold at = AnomalyMetrics.atThreshold(SCORES, ANOMALOUS, 0.5);
        assertEquals(0.5, at.recall(), 1e-12);
        assertEquals(1 / 3.0, at.falsePositiveRate(), 1e-12);
        assertEquals(3, at.flagged());
    }

    @Test
    void oneClassOrMismatchedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AnomalyMetrics.rocAuc(new double[] {1, 2}, new boolean[] {true, true}));
        assertThrows(IllegalArgumentException.class, () -> AnomalyMetrics.averagePrecision(new double[] {1}, new boolean[2]));
        assertThrows(IllegalArgumentException.class,
                () -> AnomalyMetrics.rocAuc(new double[] {Double.NaN, 1}, new boolean[] {true, false}));
    }
}
