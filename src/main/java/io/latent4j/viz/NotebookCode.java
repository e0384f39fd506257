package io.latent4j.viz;

import io.latent4j.Autoencoder;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The notebook's code cells: Java that {@code jshell} runs in order against the latent4j jar,
 * using only the public API ({@link Autoencoder}), each with the text it prints. The text is
 * computed here by the same steps from the same model and test images, so the outputs stored
 * in the notebook are what running it prints; each cell's source sits beside its computation so
 * the two change together.
 *
 * @param setup        imports and the MNIST directory the cells read
 * @param testImages   reads the test images of the trained digits from MNIST's IDX files
 * @param model        loads the model
 * @param test         the test MSE and the first test image beside its reconstruction
 * @param latentSpace  each digit's mean latent code
 * @param generation   the image decoded at the report's latent point
 * @param manifold     the manifold grid decoded
 * @param interpolation images decoded along a line between two test images' codes
 */
record NotebookCode(Cell setup, Cell testImages, Cell model, Cell test, Cell latentSpace, Cell generation,
                    Cell manifold, Cell interpolation) {
    /** Images per printed row of the interpolation, to keep its lines readable. */
    static final int IMAGES_PER_LINE = 5;
    /** Characters for pixel values 0-0.1, 0.1-0.2, ... 0.9-1 (and beyond the ends). */
    static final String SHADES = " .:-=+*#%@";

    /** Java source for one code cell and what it prints. */
    record Cell(String source, String output) {
    }

    /**
     * Runs the cells' computations.
     *
     * @param modelFile  the model file the cells load, or null for the model in the jar
     * @param testPixels the test images of the trained digits in file order, as the cells read them
     * @param labels     their digits
     * @param codes      {@code ae.encode(testPixels)}
     */
    static NotebookCode of(Autoencoder ae, Path modelFile, float[][] testPixels, int[] labels, float[][] codes,
                           float[] point, ManifoldGrid grid, int fromDigit, int toDigit) {
        Map<Integer, Integer> perDigit = ReportExporter.countsByDigit(labels);
        return new NotebookCode(setupCell(), testImagesCell(perDigit, testPixels.length), modelCell(ae, modelFile),
                testCell(ae, testPixels, labels, perDigit), latentSpaceCell(codes, labels, perDigit),
                generationCell(ae, point), manifoldCell(ae, grid), interpolationCell(ae, codes, labels, fromDigit, toDigit));
    }

    private static Cell setupCell() {
        return new Cell("""
                import io.latent4j.Autoencoder;
                import java.io.*;
                import java.nio.file.*;
                import java.util.*;
                import java.util.zip.GZIPInputStream;

                // The MNIST files, plain or .gz: MNIST_DIR as for training, else DL4J's resources
                // directory, where training leaves the verified files.
                Path mnistDir = Path.of(System.getenv().getOrDefault("MNIST_DIR",
                        System.getProperty("user.home") + "/.deeplearning4j"));
                """, "");
    }

    private static Cell testImagesCell(Map<Integer, Integer> perDigit, int count) {
        String digits = perDigit.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new Cell("""
                Set<Integer> digits = Set.of(%s);

                DataInputStream openMnist(String name) throws IOException {
                    Path plain = mnistDir.resolve(name);
                    InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
                            : new GZIPInputStream(Files.newInputStream(mnistDir.resolve(name + ".gz")));
                    return new DataInputStream(new BufferedInputStream(in));
                }

                // The test split's images of those digits, as rows of pixels in [0, 1].
                List<float[]> keptImages = new ArrayList<>();
                List<Integer> keptLabels = new ArrayList<>();
                try (DataInputStream images = openMnist("t10k-images-idx3-ubyte");
                     DataInputStream labelFile = openMnist("t10k-labels-idx1-ubyte")) {
                    images.readInt(); // IDX magic number
                    int count = images.readInt();
                    byte[] image = new byte[images.readInt() * images.readInt()];
                    labelFile.readInt();
                    labelFile.readInt();
                    for (int i = 0; i < count; i++) {
                        images.readFully(image);
                        int label = labelFile.readUnsignedByte();
                        if (digits.contains(label)) {
                            float[] row = new float[image.length];
                            for (int p = 0; p < row.length; p++) {
                                row[p] = (image[p] & 0xFF) / 255f;
                            }
                            keptImages.add(row);
                            keptLabels.add(label);
                        }
                    }
                }
                float[][] testPixels = keptImages.toArray(new float[0][]);
                int[] testLabels = keptLabels.stream().mapToInt(Integer::intValue).toArray();
                Map<Integer, Integer> perDigit = new TreeMap<>();
                for (int label : testLabels) {
                    perDigit.merge(label, 1, Integer::sum);
                }
                System.out.println("Test images: " + testPixels.length + ", per digit " + perDigit);
                """.formatted(digits), "Test images: " + count + ", per digit " + perDigit + "\n");
    }

    private static Cell modelCell(Autoencoder ae, Path modelFile) {
        String load = modelFile == null ? "Autoencoder ae = Autoencoder.pretrained();\n"
                : (modelFile.isAbsolute() ? "" : "// Relative to the repository root, where the commands above run.\n")
                + "Autoencoder ae = Autoencoder.load(Path.of(\"" + modelFile.toString().replace("\\", "/")
                        .replace("\"", "\\\"") + "\"));\n";
        return new Cell(load + """
                System.out.println("Autoencoder: " + ae.inputSize() + " pixels -> " + ae.latentSize() + "-D code -> "
                        + ae.inputSize() + " pixels");
                """, "Autoencoder: " + ae.inputSize() + " pixels -> " + ae.latentSize() + "-D code -> "
                + ae.inputSize() + " pixels\n");
    }

    private static Cell testCell(Autoencoder ae, float[][] testPixels, int[] labels, Map<Integer, Integer> perDigit) {
        float[][] reconstructed = ae.reconstruct(testPixels);
        double[] errorSum = new double[10];
        for (int i = 0; i < testPixels.length; i++) {
            double error = 0;
            for (int p = 0; p < ae.inputSize(); p++) {
                double d = testPixels[i][p] - reconstructed[i][p];
                error += d * d;
            }
            errorSum[labels[i]] += error;
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Test MSE %.5f%n",
                Arrays.stream(errorSum).sum() / (testPixels.length * (double) ae.inputSize())));
        perDigit.forEach((d, n) -> out.append(String.format(Locale.ROOT, "  digit %d: %.5f%n", d,
                errorSum[d] / (n * (double) ae.inputSize()))));
        out.append(ascii(testPixels[0], reconstructed[0]));
        return new Cell("""
                float[][] reconstructed = ae.reconstruct(testPixels);
                // MSE: the mean of (x - r)^2 over every pixel, summed in double.
                double[] errorSum = new double[10];
                for (int i = 0; i < testPixels.length; i++) {
                    double error = 0;
                    for (int p = 0; p < ae.inputSize(); p++) {
                        double d = testPixels[i][p] - reconstructed[i][p];
                        error += d * d;
                    }
                    errorSum[testLabels[i]] += error;
                }
                System.out.printf(Locale.ROOT, "Test MSE %.5f%n",
                        Arrays.stream(errorSum).sum() / (testPixels.length * (double) ae.inputSize()));
                perDigit.forEach((d, n) -> System.out.printf(Locale.ROOT, "  digit %d: %.5f%n", d,
                        errorSum[d] / (n * (double) ae.inputSize())));

                // Images as text, one character per pixel, darker characters for larger values.
                void show(float[]... images) {
                    int side = (int) Math.round(Math.sqrt(images[0].length));
                    for (int y = 0; y < side; y++) {
                        StringBuilder line = new StringBuilder();
                        for (float[] image : images) {
                            line.append(line.length() == 0 ? "" : "  ");
                            for (int x = 0; x < side; x++) {
                                line.append(" .:-=+*#%@".charAt(Math.max(0, Math.min(9, (int) (image[y * side + x] * 10)))));
                            }
                        }
                        System.out.println(line);
                    }
                }
                show(testPixels[0], reconstructed[0]);
                """, out.toString());
    }

    private static Cell latentSpaceCell(float[][] codes, int[] labels, Map<Integer, Integer> perDigit) {
        StringBuilder out = new StringBuilder();
        perDigit.forEach((d, n) -> {
            double z1 = 0;
            double z2 = 0;
            for (int i = 0; i < codes.length; i++) {
                if (labels[i] == d) {
                    z1 += codes[i][0];
                    z2 += codes[i][1];
                }
            }
            out.append(String.format(Locale.ROOT, "digit %d: mean z = (%.3f, %.3f)%n", d, z1 / n, z2 / n));
        });
        return new Cell("""
                float[][] z = ae.encode(testPixels);
                perDigit.forEach((d, n) -> {
                    double z1 = 0;
                    double z2 = 0;
                    for (int i = 0; i < z.length; i++) {
                        if (testLabels[i] == d) {
                            z1 += z[i][0];
                            z2 += z[i][1];
                        }
                    }
                    System.out.printf(Locale.ROOT, "digit %d: mean z = (%.3f, %.3f)%n", d, z1 / n, z2 / n);
                });
                """, out.toString());
    }

    private static Cell generationCell(Autoencoder ae, float[] point) {
        // Float.toString gives the shortest literal that reads back as the same float: the figure's point.
        return new Cell("float[] generated = ae.decode(new float[][] {{" + point[0] + "f, " + point[1] + "f}})[0];\n"
                + "show(generated);\n", ascii(ae.decode(new float[][] {point})[0]));
    }

    private static Cell manifoldCell(Autoencoder ae, ManifoldGrid grid) {
        // The figure's canvas: ManifoldGrid places its points as the cell below does.
        DoubleSummaryStatistics values = Arrays.stream(grid.decode(ae))
                .flatMapToDouble(row -> IntStream.range(0, row.length).mapToDouble(i -> row[i])).summaryStatistics();
        int side = Figures.side(ae);
        return new Cell("""
                // The figure's grid: column 0 at the smallest Z1, row 0 (the top) at the largest Z2.
                double z1Min = %s, z1Max = %s, z2Min = %s, z2Max = %s;
                int nx = %d, ny = %d;
                float[][] points = new float[nx * ny][];
                for (int row = 0; row < ny; row++) {
                    for (int col = 0; col < nx; col++) {
                        points[row * nx + col] = new float[] {(float) (z1Min + (z1Max - z1Min) * col / (nx - 1)),
                            (float) (z2Min + (z2Max - z2Min) * (ny - 1 - row) / (ny - 1))};
                    }
                }
                float[][] tiles = ae.decode(points);
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float[] tile : tiles) {
                    for (float v : tile) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                int side = (int) Math.round(Math.sqrt(ae.inputSize()));
                System.out.printf(Locale.ROOT, "%%d images, a %%dx%%d canvas of values from %%.3f to %%.3f%%n",
                        tiles.length, nx * side, ny * side, min, max);
                """.formatted(grid.z1Min(), grid.z1Max(), grid.z2Min(), grid.z2Max(), grid.nx(), grid.ny()),
                String.format(Locale.ROOT, "%d images, a %dx%d canvas of values from %.3f to %.3f%n",
                        grid.nx() * grid.ny(), grid.nx() * side, grid.ny() * side, values.getMin(), values.getMax()));
    }

    private static Cell interpolationCell(Autoencoder ae, float[][] codes, int[] labels, int fromDigit, int toDigit) {
        int from = ReportExporter.firstOf(labels, fromDigit);
        int to = ReportExporter.firstOf(labels, toDigit);
        float[][] line = ReportExporter.line(codes[from], codes[to]);
        float[][] steps = ae.decode(line);
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < steps.length; s += IMAGES_PER_LINE) {
            out.append(ascii(Arrays.copyOfRange(steps, s, Math.min(s + IMAGES_PER_LINE, steps.length))));
        }
        return new Cell("""
                int from = 0;
                while (testLabels[from] != %d) {
                    from++;
                }
                int to = 0;
                while (testLabels[to] != %d) {
                    to++;
                }
                float[][] line = new float[%d][];
                for (int s = 0; s < line.length; s++) {
                    float t = (float) s / (line.length - 1);
                    line[s] = new float[] {z[from][0] + t * (z[to][0] - z[from][0]), z[from][1] + t * (z[to][1] - z[from][1])};
                }
                float[][] steps = ae.decode(line);
                for (int s = 0; s < steps.length; s += %d) {
                    show(Arrays.copyOfRange(steps, s, Math.min(s + %d, steps.length)));
                }
                """.formatted(fromDigit, toDigit, line.length, IMAGES_PER_LINE, IMAGES_PER_LINE), out.toString());
    }

    /**
     * The anomaly section's cell: every test image's reconstruction error and how many are above
     * the model's threshold. Not a component of the record: the section is drawn only when there
     * are rows to compare, and the cell goes with it.
     */
    static Cell anomalyCell(Autoencoder ae, float[][] testPixels) {
        double[] errors = ae.reconstructionErrors(testPixels);
        OptionalDouble threshold = ae.anomalyThreshold();
        String out = String.format(Locale.ROOT, "Mean error %.5f, largest %.5f%n", Arrays.stream(errors).average().getAsDouble(),
                Arrays.stream(errors).max().getAsDouble())
                + (threshold.isPresent() ? String.format(Locale.ROOT, "Threshold %.5f: %d of %d test images above it%n",
                threshold.getAsDouble(), Arrays.stream(errors).filter(e -> e > threshold.getAsDouble()).count(), errors.length)
                : "The model card records no threshold\n");
        return new Cell("""
                // Each image's anomaly score: its reconstruction error, the mean of (x - r)^2 over its pixels.
                double[] errors = ae.reconstructionErrors(testPixels);
                System.out.printf(Locale.ROOT, "Mean error %.5f, largest %.5f%n", Arrays.stream(errors).average().getAsDouble(),
                        Arrays.stream(errors).max().getAsDouble());
                // The threshold: the training images' 99th percentile of error, from the model card.
                OptionalDouble threshold = ae.anomalyThreshold();
                if (threshold.isPresent()) {
                    System.out.printf(Locale.ROOT, "Threshold %.5f: %d of %d test images above it%n", threshold.getAsDouble(),
                            Arrays.stream(errors).filter(e -> e > threshold.getAsDouble()).count(), errors.length);
                } else {
                    System.out.println("The model card records no threshold");
                }
                """, out);
    }

    /** What the notebook's {@code show} prints for these images. */
    static String ascii(float[]... images) {
        int side = (int) Math.round(Math.sqrt(images[0].length));
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < side; y++) {
            StringBuilder line = new StringBuilder();
            for (float[] image : images) {
                line.append(line.length() == 0 ? "" : "  ");
                for (int x = 0; x < side; x++) {
                    line.append(SHADES.charAt(Math.max(0, Math.min(9, (int) (image[y * side + x] * 10)))));
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
