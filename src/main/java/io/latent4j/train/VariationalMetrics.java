package io.latent4j.train;

import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Optional;

/**
 * The evidence lower bound of a variational autoencoder on a set of rows, per row on average,
 * with its two terms: {@code ELBO = E_q[log p(x|z)] - KL(q(z|x) || N(0, I))}. The KL term is
 * exact (both distributions are Gaussian); the reconstruction term is the layer's own Monte Carlo
 * {@code reconstructionLogProbability}, with ND4J's generator seeded so the figure is repeatable.
 *
 * @param reconstructionLogLikelihood mean over rows of E_q[log p(x|z)], in nats
 * @param kl                          mean over rows of KL(q(z|x) || p(z)), in nats
 */
public record VariationalMetrics(double reconstructionLogLikelihood, double kl) {
    private static final int CHUNK_ROWS = 2048;

    /** The ELBO, in nats per row; training minimises its negative. */
    public double elbo() {
        return reconstructionLogLikelihood - kl;
    }

    /** The variational layer of {@code net}, if that is what it is. */
    public static Optional<VariationalAutoencoder> layerOf(MultiLayerNetwork net) {
        return net.getnLayers() == 1 && net.getLayer(0) instanceof VariationalAutoencoder vae ? Optional.of(vae)
                : Optional.empty();
    }

    /** Measures the ELBO of {@code rows} with {@code samples} draws per row, seeded by {@code seed}. */
    public static VariationalMetrics measure(MultiLayerNetwork net, INDArray rows, int samples, long seed) {
        VariationalAutoencoder vae = layerOf(net).orElseThrow(() -> new IllegalArgumentException(
                "not a variational autoencoder"));
        INDArray x = rows.castTo(DataType.FLOAT);
        long n = x.rows();
        double reconstruction = 0;
        double kl = 0;
        Nd4j.getRandom().setSeed(seed);
        for (long start = 0; start < n; start += CHUNK_ROWS) {
            INDArray chunk = x.get(NDArrayIndex.interval(start, Math.min(n, start + CHUNK_ROWS)), NDArrayIndex.all()).dup();
            reconstruction += vae.reconstructionLogProbability(chunk, samples).sumNumber().doubleValue();
            kl += klPerRow(vae, chunk).sumNumber().doubleValue();
        }
        return new VariationalMetrics(reconstruction / n, kl / n);
    }

    /** Rows per block of {@link #anomalyScores}; each block's draws are seeded by its position. */
    public static final int SCORE_BLOCK_ROWS = 256;
    /** Draws of z per row in {@link #anomalyScores}. */
    public static final int SCORE_SAMPLES = 16;
    private static final long SCORE_SEED = 20_151_227L;

    /**
     * A variational autoencoder's anomaly score of each row: minus its reconstruction
     * log-probability, -E_q[log p(x|z)] in nats, from {@value #SCORE_SAMPLES} draws per row (An
     * and Cho 2015). The rows go through in blocks of {@value #SCORE_BLOCK_ROWS}, block b of the
     * rows counted from {@code firstRow} (a multiple of the block size) drawn with ND4J's generator
     * seeded by b, so a row's score depends on its block, not on how the caller batched the rows.
     */
    public static double[] anomalyScores(MultiLayerNetwork net, INDArray rows, long firstRow) {
        if (firstRow % SCORE_BLOCK_ROWS != 0) {
            throw new IllegalArgumentException("scoring starts at a block boundary, not row " + firstRow);
        }
        VariationalAutoencoder vae = layerOf(net).orElseThrow(() -> new IllegalArgumentException(
                "not a variational autoencoder"));
        INDArray x = rows.castTo(DataType.FLOAT);
        int n = Math.toIntExact(x.rows());
        double[] scores = new double[n];
        synchronized (net) {
            for (int start = 0; start < n; start += SCORE_BLOCK_ROWS) {
                int end = Math.min(n, start + SCORE_BLOCK_ROWS);
                INDArray block = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup();
                Nd4j.getRandom().setSeed(SCORE_SEED + (firstRow + start) / SCORE_BLOCK_ROWS);
                double[] logProbability = vae.reconstructionLogProbability(block, SCORE_SAMPLES)
                        .castTo(DataType.DOUBLE).toDoubleVector();
                for (int i = 0; i < logProbability.length; i++) {
                    scores[start + i] = -logProbability[i];
                }
            }
        }
        return scores;
    }

    /**
     * KL(q(z|x) || N(0, I)) of each row: {@code -1/2 sum(1 + log s^2 - m^2 - s^2)}, from the
     * encoder's layers and the posterior's mean and log-variance heads (both linear).
     */
    static INDArray klPerRow(VariationalAutoencoder vae, INDArray x) {
        var conf = (org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder) vae.conf().getLayer();
        IActivation hidden = conf.getActivationFn();
        INDArray h = x;
        for (int i = 0; i < conf.getEncoderLayerSizes().length; i++) {
            h = h.mmul(vae.getParam("e" + i + "W")).addiRowVector(vae.getParam("e" + i + "b"));
            h = hidden.getActivation(h, false);
        }
        INDArray mean = h.mmul(vae.getParam(VariationalAutoencoderParamInitializer.PZX_MEAN_W))
                .addiRowVector(vae.getParam(VariationalAutoencoderParamInitializer.PZX_MEAN_B));
        INDArray logVariance = h.mmul(vae.getParam(VariationalAutoencoderParamInitializer.PZX_LOGSTD2_W))
                .addiRowVector(vae.getParam(VariationalAutoencoderParamInitializer.PZX_LOGSTD2_B));
        INDArray terms = logVariance.add(1.0).subi(mean.mul(mean)).subi(Transforms.exp(logVariance, true));
        return terms.sum(1).muli(-0.5);
    }
}
