package io.latent4j;

import io.latent4j.data.FloatRows;
import io.latent4j.train.DenseForward;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One half of the autoencoder as {@link Autoencoder} runs it: through {@link DenseForward} when
 * that computes the network (DL4J's {@code output} costs ~200 µs a call in its own machinery),
 * otherwise through DL4J's {@code output} on the calling thread's own copy of the network
 * ({@code output} is {@code synchronized}, so a shared copy would serialise the threads).
 */
final class NetworkOutput {
    private final DenseForward direct;
    private final ThreadLocal<MultiLayerNetwork> perThread;

    NetworkOutput(MultiLayerNetwork net) {
        this.direct = DenseForward.of(net).orElse(null);
        this.perThread = ThreadLocal.withInitial(net::clone);
    }

    /** Whether the direct path computes this network. */
    boolean direct() {
        return direct != null;
    }

    float[][] output(float[][] rows) {
        return output(rows, DenseForward.RowCheck.NONE);
    }

    /** The output of {@code rows}, each block of them passed to {@code check} before it is computed. */
    float[][] output(float[][] rows, DenseForward.RowCheck check) {
        if (direct != null) {
            return direct.output(rows, check);
        }
        check.rows(0, rows.length);
        return FloatRows.of(perThread.get().output(Nd4j.create(rows)));
    }

    /** The output of a float32 [rows, inputSize] matrix. */
    INDArray output(INDArray rows) {
        return direct != null
                ? Nd4j.create(direct.output(FloatRows.of(rows)))
                : perThread.get().output(rows.castTo(DataType.FLOAT));
    }
}
