package io.latent4j.viz;

import io.latent4j.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A report folder replaced as a whole: the report is written into a hidden folder beside the
 * target, which then takes the target's place, so a run killed while drawing leaves the old
 * report untouched, and readers never see new figures beside old text. Between the two renames
 * of the swap the old folder waits as {@code .NAME.*.old}; the next build puts it back if the
 * target is missing.
 */
final class ReportFolder {
    /** Builds the report in the folder it is given. */
    @FunctionalInterface
    interface Builder<T> {
        T writeInto(Path dir) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BUILDING = ".tmp";
    private static final String REPLACED = ".old";

    private ReportFolder() {
    }

    /**
     * Writes a report with {@code builder} into a new folder and swaps it in as {@code target}.
     * An existing target must hold only files of a report ({@code reportFiles}): a folder with
     * anything else is refused, never replaced.
     */
    static <T> T build(Path target, Set<String> reportFiles, Builder<T> builder) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new IOException(target + " is the root folder; give a folder for the report");
        }
        restoreInterruptedSwap(absolute);
        checkReplaceable(target, reportFiles);
        Path building = sibling(absolute, BUILDING);
        try {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(building);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(target, e);
        }
        try {
            T result = builder.writeInto(building);
            swapIn(building, absolute);
            return result;
        } finally {
            deleteTree(building);
        }
    }

    /**
     * Removes the folders of builds that died before their swap. Only for a caller that knows no
     * other build of {@code target} runs (it holds the lock of the run the report belongs to).
     */
    static void removeStaleBuilds(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        restoreInterruptedSwap(absolute);
        for (Path stale : siblings(absolute, BUILDING)) {
            deleteTree(stale);
        }
    }

    /** Fails unless {@code target} is missing or a folder of nothing but {@code reportFiles}. */
    static void checkReplaceable(Path target, Set<String> reportFiles) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is not a folder; give a folder for the report");
        }
        try (Stream<Path> entries = Files.list(absolute)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!reportFiles.contains(name) || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(target + " holds " + name + ", which is not part of a report, and a report "
                            + "replaces its whole folder; move it away or give a new folder for the report");
                }
            }
        }
    }

    private static void swapIn(Path building, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.moveIntoPlace(building, target);
            return;
        }
        Path replaced = building.resolveSibling(building.getFileName().toString().replace(BUILDING, REPLACED));
        AtomicFiles.moveIntoPlace(target, replaced);
        AtomicFiles.moveIntoPlace(building, target);
        deleteTree(replaced);
    }

    /** A run killed between the two renames left the old report aside: it goes back. */
    private static void restoreInterruptedSwap(Path target) throws IOException {
        List<Path> replaced = siblings(target, REPLACED);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replaced.isEmpty()) {
            AtomicFiles.moveIntoPlace(replaced.get(0), target);
            replaced = replaced.subList(1, replaced.size());
        }
        for (Path old : replaced) {
            deleteTree(old);
        }
    }

    private static Path sibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + suffix);
    }

    private static List<Path> siblings(Path target, String suffix) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(target.getParent())) {
            return found;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(target.getParent(), entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(suffix)
                    && name.substring(prefix.length(), name.length() - suffix.length()).matches("[0-9a-z]+")
                    && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
        })) {
            all.forEach(found::add);
        }
        return found;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
