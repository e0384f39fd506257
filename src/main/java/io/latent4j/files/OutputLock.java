package io.latent4j.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive claim on an output, so that two processes never write one set of files (a model
 * from one run beside a card from the other): an OS file lock on the empty file
 * {@code .NAME.lock} beside the output, held until {@link #close}. The lock dies with its
 * process, so a killed run never leaves the output claimed. The file itself stays: deleting it
 * would let a run that opened it just before lock a file no other run can see. Nothing else may
 * open the lock file while it is held (POSIX drops a process's lock when any of its descriptors
 * of the file closes).
 */
public final class OutputLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code output}: {@code models/autoencoder.zip} to {@code models/.autoencoder.zip.lock}. */
    public static Path lockFileFor(Path output) {
        Path absolute = output.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Claims {@code output} at once, or fails with a message naming it when another process (or
     * another run in this one) holds it.
     */
    public static OutputLock acquire(Path output) throws IOException {
        Path lockFile = lockFileFor(output);
        FileChannel channel;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(output, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(output + ": another training is writing it (it holds " + lockFile
                    + "); wait for that run to end or write to another path");
        }
        return new OutputLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
