package io.latent4j.spark;

import io.latent4j.Autoencoder;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Encodes one partition lazily, {@code batchSize} rows at a time, through
 * {@link Autoencoder#encode(float[][])}: memory stays bounded by one batch whatever the partition's
 * size. Output rows are {@code id, [label], z1..zk, [error, anomalous], [reason]}; a rejected row
 * (only with {@code skipBadRows}) has null codes and a reason, otherwise the first bad row fails the task.
 */
final class PartitionEncoder implements FlatMapFunction<Iterator<ImageRow>, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final int batchSize;
    private final boolean withLabels;
    private final boolean skipBadRows;
    private final int nd4jThreads;
    private final int latentSize;
    /** Adds each row's reconstruction error and whether it is above this threshold; null: codes only. */
    private final Double errorThreshold;

    PartitionEncoder(Broadcast<byte[]> model, int latentSize, int batchSize, boolean withLabels, boolean skipBadRows,
                     int nd4jThreads, Double errorThreshold) {
        this.errorThreshold = errorThreshold;
        this.model = model;
        this.latentSize = latentSize;
        this.batchSize = batchSize;
        this.withLabels = withLabels;
        this.skipBadRows = skipBadRows;
        this.nd4jThreads = nd4jThreads;
    }

    @Override
    public Iterator<Row> call(Iterator<ImageRow> rows) {
        Autoencoder ae = ModelCache.get(model, nd4jThreads);
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private long seen;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    List<ImageRow> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    encode(ae, batch, seen, ready);
                    seen += batch.size();
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void encode(Autoencoder ae, List<ImageRow> batch, long firstInPartition, ArrayDeque<Row> out) {
        List<ImageRow> good = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ImageRow row = batch.get(i);
            if (row.id() == null) {
                reject(row, "a row has no id (row " + (firstInPartition + i) + " of input partition "
                        + partitionId() + ")", out);
            } else if (row.pixels() == null) {
                reject(row, "row id " + row.id() + " has no pixels", out);
            } else {
                good.add(row);
            }
        }
        if (good.isEmpty()) {
            return;
        }
        float[][] pixels = new float[good.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = good.get(i).pixels();
        }
        float[][] codes;
        try {
            codes = ae.encode(pixels);
        } catch (IllegalArgumentException batchRejected) {
            // The core's validation names a position in the batch; find the rows by id, one at a time.
            good = withoutBadRows(ae, good, out);
            if (good.isEmpty()) {
                return;
            }
            pixels = good.stream().map(ImageRow::pixels).toArray(float[][]::new);
            codes = ae.encode(pixels);
        }
        double[] errors = errorThreshold == null ? null : ae.reconstructionErrors(pixels);
        for (int i = 0; i < codes.length; i++) {
            out.add(output(good.get(i), codes[i], errors == null ? null : errors[i], null));
        }
    }

    private List<ImageRow> withoutBadRows(Autoencoder ae, List<ImageRow> rows, ArrayDeque<Row> out) {
        List<ImageRow> good = new ArrayList<>(rows.size());
        for (ImageRow row : rows) {
            try {
                ae.encode(new float[][] {row.pixels()});
                good.add(row);
            } catch (IllegalArgumentException e) {
                reject(row, e.getMessage().replaceFirst("^row 0\\b", "row id " + row.id()), out);
            }
        }
        return good;
    }

    private void reject(ImageRow row, String reason, ArrayDeque<Row> out) {
        if (!skipBadRows) {
            throw new BadRowException(reason + " (pass --skip-bad-rows to write such rows to a rejects output instead)");
        }
        out.add(output(row, null, null, reason));
    }

    private Row output(ImageRow row, float[] code, Double error, String reason) {
        List<Object> values = new ArrayList<>(5 + latentSize);
        values.add(row.id());
        if (withLabels) {
            values.add(row.label());
        }
        for (int j = 0; j < latentSize; j++) {
            values.add(code == null ? null : code[j]);
        }
        if (errorThreshold != null) {
            values.add(error);
            values.add(error == null ? null : error > errorThreshold);
        }
        if (skipBadRows) {
            values.add(reason);
        }
        return RowFactory.create(values.toArray());
    }

    private static int partitionId() {
        TaskContext task = TaskContext.get();
        return task == null ? -1 : task.partitionId();
    }
}
