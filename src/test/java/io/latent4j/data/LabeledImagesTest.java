package io.latent4j.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabeledImagesTest {
    private final LabeledImages first = new LabeledImages(Nd4j.create(new float[][] {{0, 1}, {2, 3}}), new int[] {5, 1});
    private final LabeledImages second = new LabeledImages(Nd4j.create(new float[][] {{4, 5}}), new int[] {6});

    @Test
    void concatKeepsRowsAndLabelsInOrder() {
        LabeledImages both = LabeledImages.concat(List.of(first, second));
        assertEquals(Nd4j.create(new float[][] {{0, 1}, {2, 3}, {4, 5}}), both.pixels());
        assertArrayEquals(new int[] {5, 1, 6}, both.labels());
        assertThrows(IllegalArgumentException.class, () -> LabeledImages.concat(List.of()));
    }

    @Test
    void rowsOfDigitsAreInOrder() {
        LabeledImages both = LabeledImages.concat(List.of(first, second));
        assertArrayEquals(new int[] {0, 2}, both.rowsOf(Set.of(5, 6)));
        assertArrayEquals(new int[] {1}, both.rowsOf(1));
        assertArrayEquals(new int[0], both.rowsOf(Set.of(7)));
    }
}
