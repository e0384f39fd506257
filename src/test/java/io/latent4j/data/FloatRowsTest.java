package io.latent4j.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FloatRowsTest {
    private final INDArray matrix = Nd4j.create(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});

    @Test
    void givesTheRowsOfRowMajorColumnMajorViewsAndDoubles() {
        float[][] expected = matrix.toFloatMatrix();
        assertArrayEquals(expected, FloatRows.of(matrix));
        assertArrayEquals(expected, FloatRows.of(matrix.dup('f')));
        assertArrayEquals(expected, FloatRows.of(matrix.castTo(DataType.DOUBLE)));
        INDArray view = matrix.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(1, 3));
        assertArrayEquals(new float[][] {{5, 6}, {8, 9}}, FloatRows.of(view));
        assertArrayEquals(new float[][] {{1, 4, 7}, {2, 5, 8}, {3, 6, 9}}, FloatRows.of(matrix.transpose()));
    }

    @Test
    void refusesVectors() {
        assertThrows(IllegalArgumentException.class, () -> FloatRows.of(Nd4j.create(new float[] {1, 2})));
    }
}
