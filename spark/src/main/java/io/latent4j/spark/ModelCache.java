package io.latent4j.spark;

import io.latent4j.Autoencoder;
import io.latent4j.ModelLoadException;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor side of the model broadcast: each executor JVM restores a broadcast model once and
 * shares it between its task threads. {@link Autoencoder} gives every thread its own copy of the
 * networks (DL4J's {@code output} is {@code synchronized}), so task slots do not wait for each other.
 */
final class ModelCache {
    /** Models kept per JVM; a job uses one, a second slot covers jobs that overlap. */
    private static final int KEPT = 2;
    private static final Map<Long, Autoencoder> BY_BROADCAST = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Autoencoder> eldest) {
            return size() > KEPT;
        }
    };
    private static final AtomicInteger RESTORES = new AtomicInteger();

    private ModelCache() {
    }

    /**
     * The model behind {@code bytes}, restored on first use in this JVM. A restore also sets
     * ND4J's thread count: Spark runs one task per core, so native threads on top of that only
     * oversubscribe the cores (measured in docs/spark.md).
     */
    static synchronized Autoencoder get(Broadcast<byte[]> bytes, int nd4jThreads) {
        Autoencoder cached = BY_BROADCAST.get(bytes.id());
        if (cached != null) {
            return cached;
        }
        useNd4jThreads(nd4jThreads);
        Autoencoder restored;
        try {
            restored = load(bytes.value());
        } catch (ModelLoadException e) {
            throw new IllegalStateException("the broadcast model does not load: " + e.getMessage(), e);
        }
        BY_BROADCAST.put(bytes.id(), restored);
        RESTORES.incrementAndGet();
        return restored;
    }

    /** How many times this JVM restored a model from a broadcast: one per job and executor. */
    static int restores() {
        return RESTORES.get();
    }

    /** Sets ND4J's op and BLAS threads for this JVM. */
    static void useNd4jThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** Restores a serialized model straight from its bytes. */
    static Autoencoder load(byte[] model) throws ModelLoadException {
        return Autoencoder.load(new java.io.ByteArrayInputStream(model));
    }
}
