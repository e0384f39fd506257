package io.latent4j.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The best linear autoencoder with the same latent size: projection onto the top principal
 * components of the training set. Its reconstruction error is the yardstick that shows what the
 * nonlinear network buys.
 */
public final class PcaBaseline {
    private final INDArray mean;
    private final INDArray components;

    private PcaBaseline(INDArray mean, INDArray components) {
        this.mean = mean;
        this.components = components;
    }

    /** Fits {@code k} components to the rows of {@code pixels} (computed in double). */
    public static PcaBaseline fit(INDArray pixels, int k) {
        if (k < 1 || k > pixels.columns()) {
            throw new IllegalArgumentException("components must be in 1.." + pixels.columns() + ", got " + k);
        }
        INDArray x = pixels.castTo(DataType.DOUBLE);
        INDArray mean = x.mean(0).reshape(1, x.columns());
        INDArray centered = x.subiRowVector(mean);
        // One GEMM for the covariance; ND4J's PCA class accumulates row by row, which takes minutes here.
        INDArray cov = centered.transpose().mmul(centered).divi(x.rows());
        INDArray vectors = cov.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        // LAPACK returns eigenvalues in ascending order: the last k columns span the top components.
        long d = values.length();
        INDArray top = vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(d - k, d)).dup();
        return new PcaBaseline(mean, top);
    }

    /** Projects rows onto the components and back. */
    public INDArray reconstruct(INDArray pixels) {
        INDArray centered = pixels.castTo(DataType.DOUBLE).subiRowVector(mean);
        return centered.mmul(components).mmul(components.transpose()).addiRowVector(mean);
    }
}
