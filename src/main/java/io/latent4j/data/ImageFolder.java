package io.latent4j.data;

import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.recordreader.ImageRecordReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A folder of PNG/JPEG images: either all at its top (unlabelled) or each in a sub-folder named
 * after its class. Images are listed in relative-path order and read with DataVec's
 * {@link ImageRecordReader}, which resizes them and converts them to grey.
 */
final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");
    /** Largest image decoded: a small file can claim a picture that would take gigabytes to hold. */
    static final long MAX_PIXELS = 1L << 26;

    private final Path root;
    private final List<Path> files;
    private final List<String> classNames;

    private ImageFolder(Path root, List<Path> files, List<String> classNames) {
        this.root = root;
        this.files = files;
        this.classNames = classNames;
    }

    /** Lists the images of {@code root}, checking the folder's layout. */
    static ImageFolder scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": " + (Files.exists(root) ? "is not a folder" : "no such folder"));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(ImageFolder::isNamedLikeAnImage).sorted().toList();
        }
        for (Path f : files) {
            // Skipping it would drop a row of the data without a word.
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": " + (Files.isDirectory(f) ? "is a folder named like an image"
                        : Files.isSymbolicLink(f) ? "is a symbolic link to no readable file (dangling or looping)"
                        : "is not a regular file") + "; rename or remove it");
            }
        }
        if (files.isEmpty()) {
            throw new IOException(root + ": no PNG or JPEG images in this folder or its sub-folders");
        }
        long top = files.stream().filter(f -> root.relativize(f).getNameCount() == 1).count();
        for (Path f : files) {
            if (root.relativize(f).getNameCount() > 2) {
                throw new IOException(f + ": is nested more than one sub-folder deep: keep each image directly in "
                        + root + " or in one class sub-folder of it");
            }
        }
        if (top != 0 && top != files.size()) {
            throw new IOException(root + ": has images both at its top and in sub-folders: put every image in a class "
                    + "sub-folder, or all at the top for unlabelled data");
        }
        List<String> classNames = top != 0 ? List.of()
                : files.stream().map(f -> root.relativize(f).getName(0).toString()).distinct().sorted().toList();
        return new ImageFolder(root, files, classNames);
    }

    private static boolean isNamedLikeAnImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    Path root() {
        return root;
    }

    List<Path> files() {
        return files;
    }

    /** The sub-folder names, sorted; empty when the images are all at the top. */
    List<String> classNames() {
        return classNames;
    }

    /** SHA-256 of one {@code "relative/path sha256\n"} line per image, in name order. */
    String digest() throws IOException {
        MessageDigest digest = Sha256.newDigest();
        for (Path f : files) {
            String line = root.relativize(f).toString().replace('\\', '/') + " " + Sha256.of(f) + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(digest);
    }

    /** The images as rows of {@code width x height} grey pixels in [0, 1], with their class indices. */
    Rows rows(int width, int height) throws IOException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
        ImageRecordReader reader = new ImageRecordReader(height, width, 1,
                classNames.isEmpty() ? null : new ParentPathLabelGenerator());
        reader.initialize(new CollectionInputSplit(files.stream().map(Path::toUri).toList()));
        return new Rows(reader, files.iterator());
    }

    /** One decoded image. */
    record Image(Path file, float[] pixels, int label) {
    }

    /** Streams the images one at a time; errors name the file. */
    final class Rows implements Iterator<Image>, AutoCloseable {
        private final ImageRecordReader reader;
        private final Iterator<Path> order;
        private Rows(ImageRecordReader reader, Iterator<Path> order) {
            this.reader = reader;
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            return order.hasNext();
        }

        @Override
        public Image next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Path file = order.next();
            List<Writable> record;
            try {
                checkDecodable(file);
                record = reader.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException(file + ": cannot be decoded as an image ("
                        + rootMessage(e) + ")", e));
            }
            INDArray image = ((NDArrayWritable) record.get(0)).get();
            float[] row = Nd4j.toFlattened('c', image.castTo(DataType.FLOAT)).toFloatVector();
            for (int i = 0; i < row.length; i++) {
                row[i] /= 255f;
            }
            int label = 0;
            if (!classNames.isEmpty()) {
                String name = reader.getLabels().get(record.get(1).toInt());
                label = classNames.indexOf(name);
            }
            return new Image(file, row, label);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /**
     * Decodes the image with Java's readers before DataVec's native one sees it: it must be a PNG
     * or JPEG of at most {@link #MAX_PIXELS} (checked from the header, before decoding) that
     * decodes without error or warning. The native decoder fills a damaged image's missing rows
     * with zeros and prints to the process's stderr; this names the file instead.
     */
    private static void checkDecodable(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": is not a readable PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long size = (long) reader.getWidth(0) * reader.getHeight(0);
                if (size > MAX_PIXELS) {
                    throw new IOException(file + ": is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels, more than the " + MAX_PIXELS + " an image may have here");
                }
                List<String> warnings = new java.util.ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IOException(file + ": is a damaged image (" + warnings.get(0) + ")");
                }
            } catch (javax.imageio.IIOException e) {
                throw new IOException(file + ": is not a readable PNG or JPEG image (" + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
