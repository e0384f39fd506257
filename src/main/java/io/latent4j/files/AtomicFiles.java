package io.latent4j.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that readers see either the old content or the complete new content, never a
 * partial file: the bytes go to a temporary file in the same directory, which is then renamed.
 */
public final class AtomicFiles {

    /** Produces the content of a file on the given stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes {@code target} from {@code writer}, creating parent directories as needed. */
    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = newTempFileFor(target);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
            moveIntoPlace(tmp, target.toAbsolutePath());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code main} and {@code dependent}, a file that describes it (row metadata, say), so
     * that a reader never sees a new main beside an old dependent: both are written to temporary
     * files first, then the old dependent is removed, main renamed into place, and the dependent
     * after it. A run killed in between leaves main without its dependent, never a mismatched pair.
     *
     * @param dependentWriter the dependent's content, or null when main has none (an old one is removed)
     */
    public static void writePair(Path main, Writer mainWriter, Path dependent, Writer dependentWriter)
            throws IOException {
        Path mainTmp = newTempFileFor(main);
        Path dependentTmp = null;
        try {
            try (OutputStream out = Files.newOutputStream(mainTmp, StandardOpenOption.WRITE)) {
                mainWriter.writeTo(out);
            }
            if (dependentWriter != null) {
                dependentTmp = newTempFileFor(dependent);
                try (OutputStream out = Files.newOutputStream(dependentTmp, StandardOpenOption.WRITE)) {
                    dependentWriter.writeTo(out);
                }
            }
            Files.deleteIfExists(dependent);
            moveIntoPlace(mainTmp, main.toAbsolutePath());
            if (dependentTmp != null) {
                moveIntoPlace(dependentTmp, dependent.toAbsolutePath());
            }
        } finally {
            Files.deleteIfExists(mainTmp);
            if (dependentTmp != null) {
                Files.deleteIfExists(dependentTmp);
            }
        }
    }

    /**
     * Creates an empty, uniquely named temporary file beside {@code target} (creating the
     * directory if needed). Unlike {@code Files.createTempFile} it keeps the umask's permissions,
     * so the finished file is as readable as any other the user writes.
     */
    public static Path newTempFileFor(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
            while (true) {
                Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                        + ".tmp");
                try {
                    return Files.createFile(tmp);
                } catch (FileAlreadyExistsException e) {
                    // Another writer picked the same name; draw again.
                }
            }
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /**
     * The one-line error for an output that cannot be written: it names the output, says why in
     * words (not a bare path, as the JDK's exceptions do) and what to do.
     */
    public static IOException cannotWrite(Path target, IOException e) {
        String why;
        if (e instanceof FileAlreadyExistsException exists) {
            why = exists.getFile() + " is a file, not a folder";
        } else if (e instanceof java.nio.file.AccessDeniedException denied) {
            why = "permission denied on " + denied.getFile();
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            why = "no file can be created in " + target.toAbsolutePath().getParent();
        } else if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            why = fs.getFile() + ": " + fs.getReason();
        } else {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new IOException("cannot write " + target + " (" + why + "); choose a writable location", e);
    }

    /**
     * Checks, before long work, that {@code target} can be written the way {@link #write} will
     * write it: its directory exists or can be made, a temporary file can be created there, and
     * the target is not a directory. The message names the path and says what is wrong.
     */
    public static void checkWritable(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory; give a file name");
        }
        Files.deleteIfExists(newTempFileFor(target));
    }

    /**
     * Deletes the temporary files {@link #write} left beside {@code target} when a process writing
     * it died (they are never renamed), and returns how many. Call it only while no one else may
     * be writing {@code target}, for example while holding its {@link OutputLock}.
     */
    public static int removeStaleTempFiles(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = "." + absolute.getFileName() + ".";
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp")
                    && name.substring(prefix.length(), name.length() - 4).matches("[0-9a-z]+");
        })) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(temp)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Renames a finished temporary file over {@code target}, atomically where the file system can. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
