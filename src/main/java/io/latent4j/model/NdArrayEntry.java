package io.latent4j.model;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a parameter vector written by {@code Nd4j.write} ({@code coefficients.bin},
 * {@code updaterState.bin}) as the [1, n] row vector DL4J stores there. Not through
 * {@code Nd4j.read}: that allocates whatever length a header claims and trusts the stored shape
 * and strides, so a few hostile bytes could ask for terabytes or views past the data. Here the
 * claimed length must match the bytes actually present, and the shape is rebuilt, not read.
 */
final class NdArrayEntry {
    private NdArrayEntry() {
    }

    static INDArray read(String name, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            Header shape = Header.read(in);
            if (shape.type() != DataType.LONG && shape.type() != DataType.INT) {
                throw new IOException(name + ": shape stored as " + shape.type());
            }
            if (shape.length() > in.available() / shape.type().width()) {
                throw new IOException(name + ": shape runs past the end of the entry");
            }
            in.skipNBytes(shape.length() * shape.type().width());
            Header values = Header.read(in);
            if (values.type() != DataType.FLOAT && values.type() != DataType.DOUBLE) {
                throw new IOException(name + ": unsupported data type " + values.type());
            }
            int offset = bytes.length - in.available();
            int width = values.type().width();
            if (values.length() != in.available() / width || in.available() % width != 0) {
                throw new IOException(name + ": header promises " + values.length() + " values, the entry holds "
                        + in.available() + " bytes of them");
            }
            ByteBuffer data = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
            long[] row = {1, values.length()};
            if (values.type() == DataType.FLOAT) {
                float[] floats = new float[(int) values.length()];
                data.asFloatBuffer().get(floats);
                return Nd4j.create(floats, row, 'c');
            }
            double[] doubles = new double[(int) values.length()];
            data.asDoubleBuffer().get(doubles);
            return Nd4j.create(doubles, row, 'c');
        } catch (EOFException e) {
            throw new IOException(name + ": truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": not an ND4J array (" + e.getMessage() + ")", e);
        }
    }

    /** The allocation mode, length and data type that precede each buffer, as DL4J writes them. */
    private record Header(long length, DataType type) {
        static Header read(DataInputStream in) throws IOException {
            DataBuffer.AllocationMode mode = DataBuffer.AllocationMode.valueOf(in.readUTF());
            long length = mode.ordinal() < DataBuffer.AllocationMode.LONG_SHAPE.ordinal() ? in.readInt() : in.readLong();
            if (length < 0) {
                throw new IllegalArgumentException("negative length " + length);
            }
            return new Header(length, DataType.valueOf(in.readUTF()));
        }
    }
}
