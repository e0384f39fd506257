package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.data.TrainingData;
import io.latent4j.data.FloatRows;
import io.latent4j.data.LabeledRows;
import io.latent4j.files.AtomicFiles;
import io.latent4j.ModelCard;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes the tutorial's figures and a report that follows its sections (a {@code README.md} and an
 * {@code autoencoder.ipynb} with the same content) for a trained model and its test images.
 */
public final class ReportExporter {
    /** Test images in the latent scatter, as in the tutorial. */
    static final int SCATTER_POINTS = 500;
    /** Test digits in the reconstruction grid. */
    static final int GRID_DIGITS = 10;
    /** Decoded steps along the interpolation line, ends included. */
    static final int INTERPOLATION_STEPS = 10;

    /**
     * What to draw.
     *
     * @param exportDir  where the files go
     * @param point      the latent point to generate from, or null for a point inside the data
     * @param grid       the manifold grid, or null for one covering the data
     * @param nx         manifold columns when {@code grid} is null
     * @param ny         manifold rows when {@code grid} is null
     * @param seed       seeds the choice of test images shown
     * @param modelFile  the model file the notebook's code loads, or null for the model in the jar
     */
    public record Options(Path exportDir, float[] point, ManifoldGrid grid, int nx, int ny, long seed,
                          Path modelFile) {
        /** Where training saves the model by default, relative to the repository root. */
        public static final Path DEFAULT_MODEL = Path.of("models", "autoencoder.zip");

        /** The tutorial's figures for a notebook that loads {@link #DEFAULT_MODEL}. */
        public static Options defaults(Path exportDir) {
            return defaults(exportDir, DEFAULT_MODEL);
        }

        /** The tutorial's figures for a notebook that loads {@code modelFile} (null: the pretrained model). */
        public static Options defaults(Path exportDir, Path modelFile) {
            return new Options(exportDir, null, null, 20, 20, 42, modelFile);
        }

        /** The same drawing into another folder. */
        Options withExportDir(Path dir) {
            return new Options(dir, point, grid, nx, ny, seed, modelFile);
        }
    }

    /**
     * What was written, and the point and grid that were used (null when not drawn).
     *
     * @param skipped why figures were left out, or empty
     */
    public record Export(List<Path> files, float[] point, ManifoldGrid grid, String skipped) {
    }

    private ReportExporter() {
    }

    /** File names of every figure, in report order. */
    public static final List<String> FIGURES = List.of("reconstruction.png", "latent-space.png", "generation.png",
            "manifold.png", "manifold-labeled.png", "loss.png", "interpolation.png");
    /** The figures a variational autoencoder's report adds: the manifold over the prior's quantiles, samples from the prior. */
    public static final List<String> VARIATIONAL_FIGURES = List.of("prior-manifold.png", "prior-samples.png");

    /** File names of the anomaly section's figures, drawn when there are rows to compare (see {@link AnomalyInput}). */
    public static final List<String> ANOMALY_FIGURES = List.of("anomaly-scores.png", "anomaly-roc.png",
            "anomaly-examples.png");

    /**
     * Beyond the test rows, what the anomaly section needs: test rows of the classes the model was
     * not trained on (null when there are none: the section then shows only the test rows' errors),
     * and the training rows the PCA baseline is fitted on.
     */
    public record AnomalyInput(LabeledRows others, INDArray train) {
    }

    /**
     * The figures, drawn and written, waiting for their text: the README and the notebook also
     * need the model card, which a training run has only once it has measured the model.
     *
     * @param dir       where they were written
     * @param files     the figures written, in report order
     * @param point     the latent point generated from
     * @param grid      the manifold grid
     * @param fromDigit the digit the interpolation starts at
     * @param toDigit   the digit it ends at
     * @param code      the notebook's code cells and what they print
     * @param anomaly   the anomaly section's sections, or empty when it was not drawn
     */
    public record Drawn(Path dir, List<Path> files, float[] point, ManifoldGrid grid, int fromDigit, int toDigit,
                        NotebookCode code, List<ReportSection> anomaly) {
        public Drawn {
            files = List.copyOf(files);
            anomaly = List.copyOf(anomaly);
        }
    }

    /**
     * Draws two small figures and encodes them as PNG, then throws them away. The first figure
     * of a process pays for loading and initialising Java2D, its fonts, JFreeChart and the PNG
     * writer; a caller with a spare core can pay that here while it waits for the network.
     */
    public static void prepare() throws IOException {
        float[][] codes = {{0, 0}, {1, 1}};
        float[][] pixels = {new float[4]};
        for (BufferedImage image : List.of(Figures.latentSpace(codes, new int[] {0, 1}),
                Figures.reconstruction(pixels, pixels, 2))) {
            ImageIO.write(image, "png", OutputStream.nullOutputStream());
        }
    }

    /**
     * Draws everything. {@code card} supplies the training log and metrics; without one the
     * report leaves out the training sections and the loss figure.
     */
    public static Export export(Autoencoder ae, LabeledRows test, ModelCard card, Options options) throws IOException {
        return export(ae, test, null, card, options);
    }

    /** As {@link #export(Autoencoder, LabeledRows, ModelCard, Options)}, with the anomaly section when {@code anomaly} is given. */
    public static Export export(Autoencoder ae, LabeledRows test, AnomalyInput anomaly, ModelCard card, Options options)
            throws IOException {
        return inNewFolder(options, dir -> describe(draw(ae, test, anomaly, card == null ? List.of() : card.lossLog(),
                List.of(), options.withExportDir(dir)), test, card));
    }

    /** Every file a report folder may hold: the figures, the README and the notebook. */
    static final Set<String> REPORT_FILES = Stream.of(FIGURES, ANOMALY_FIGURES, VARIATIONAL_FIGURES,
                    List.of("README.md", "autoencoder.ipynb"))
            .flatMap(List::stream).collect(Collectors.toUnmodifiableSet());

    /**
     * Builds the report in a folder beside {@code options.exportDir()} and swaps it in whole
     * (see {@link ReportFolder}); the files returned are named in the export folder.
     */
    private static Export inNewFolder(Options options, ReportFolder.Builder<Export> builder) throws IOException {
        Path target = options.exportDir();
        Path[] built = new Path[1];
        Export export = ReportFolder.build(target, REPORT_FILES, dir -> {
            built[0] = dir;
            return builder.writeInto(dir);
        });
        return new Export(export.files().stream().map(f -> target.resolve(built[0].relativize(f))).toList(), export.point(),
                export.grid(), export.skipped());
    }

    /**
     * Removes the folders of report builds that died before they were swapped in. Only for a caller
     * that knows no other report of {@code exportDir} is being built.
     */
    public static void removeStaleBuilds(Path exportDir) throws IOException {
        ReportFolder.removeStaleBuilds(exportDir);
    }

    /** Fails, naming the folder, unless a report can replace {@code exportDir}: checked before long work. */
    public static void checkExportDir(Path exportDir) throws IOException {
        ReportFolder.checkReplaceable(exportDir, REPORT_FILES);
    }

    /**
     * Draws and writes the figures; the loss figure only when {@code lossLog} has points. Needs
     * no model card, so it can run while the model is still being measured.
     *
     * @param anomaly    what the anomaly section compares, or null to leave it out
     * @param lossLog    the logged losses (the tutorial's printed cost)
     * @param stepLosses every step's batch loss, when the run is at hand (empty for a saved model)
     */
    public static Drawn draw(Autoencoder ae, LabeledRows test, AnomalyInput anomaly, List<ModelCard.LossPoint> lossLog,
                             List<ModelCard.LossPoint> stepLosses, Options options)
            throws IOException {
        if (ae.latentSize() != 2) {
            throw new IllegalArgumentException("the tutorial's figures need a 2-D latent space; this model's is "
                    + ae.latentSize() + "-D");
        }
        int side = Figures.side(ae);
        Path dir = options.exportDir();
        List<Path> files = new ArrayList<>();
        int[] labels = test.labels();
        // The notebook's cells encode plain rows; the figures use the same codes.
        float[][] testRows = FloatRows.of(test.features());
        float[][] codes = ae.encode(testRows);
        int[] order = randomRows(test.count(), Math.max(GRID_DIGITS, SCATTER_POINTS), options.seed());

        int[] gridRows = Arrays.copyOf(order, Math.min(GRID_DIGITS, order.length));
        float[][] inputs = pick(testRows, gridRows);
        files.add(write(Figures.reconstruction(inputs, ae.reconstruct(inputs), side), dir, "reconstruction.png"));
        List<ReportSection> anomalySections = List.of();
        if (anomaly != null) {
            java.util.Set<Integer> trained = new java.util.TreeSet<>();
            Arrays.stream(labels).forEach(trained::add);
            AnomalyReport.Drawn drawn = AnomalyReport.draw(ae, AnomalyReport.Rows.of(test, anomaly.others(), trained,
                    anomaly.train(), null), String::valueOf, "digits " + joined(trained), "other digits", dir, side,
                    NotebookCode.anomalyCell(ae, testRows));
            files.addAll(drawn.files());
            anomalySections = drawn.sections();
        }
        int[] scatterRows = Arrays.copyOf(order, Math.min(SCATTER_POINTS, order.length));
        float[][] scatterCodes = pick(codes, scatterRows);
        int[] scatterLabels = Arrays.stream(scatterRows).map(i -> labels[i]).toArray();
        files.add(write(Figures.latentSpace(scatterCodes, scatterLabels), dir, "latent-space.png"));

        float[] point = options.point() != null ? options.point() : pointInsideData(codes);
        float[] generated = ae.decode(new float[][] {point})[0];
        files.add(write(Figures.generation(scatterCodes, scatterLabels, point, generated, side), dir, "generation.png"));

        ManifoldGrid grid = options.grid() != null ? options.grid() : ManifoldGrid.covering(codes, options.nx(), options.ny());
        BufferedImage canvas = ManifoldGrid.render(grid.decode(ae));
        files.add(write(canvas, dir, "manifold.png"));
        files.add(write(Figures.manifoldLabeled(canvas, grid), dir, "manifold-labeled.png"));

        if (!lossLog.isEmpty()) {
            files.add(write(Figures.loss(lossLog, stepLosses), dir, "loss.png"));
        }

        int[] digits = Arrays.stream(labels).distinct().sorted().toArray();
        int a = firstOf(labels, digits[0]);
        int b = firstOf(labels, digits[digits.length - 1]);
        files.add(write(Figures.interpolation(testRows[a], labels[a], testRows[b], labels[b],
                ae.decode(line(codes[a], codes[b])), side), dir, "interpolation.png"));
        if (ae.variational()) {
            files.add(write(ManifoldGrid.render(PriorFigures.quantileManifold(ae)), dir, VARIATIONAL_FIGURES.get(0)));
            files.add(write(PriorFigures.samples(ae), dir, VARIATIONAL_FIGURES.get(1)));
        }
        return new Drawn(dir, files, point, grid, labels[a], labels[b],
                NotebookCode.of(ae, options.modelFile(), testRows, labels, codes, point, grid, labels[a], labels[b]),
                anomalySections);
    }

    /** Writes the README and the notebook around drawn {@code drawn}; {@code card} as for {@link #export}. */
    public static Export describe(Drawn drawn, LabeledRows test, ModelCard card) throws IOException {
        List<Path> files = new ArrayList<>(drawn.files());
        List<ReportSection> sections = ReportText.sections(card, test, drawn.point(), drawn.grid(), files.stream()
                .map(p -> p.getFileName().toString()).toList(), drawn.fromDigit(), drawn.toDigit(), drawn.code(),
                drawn.anomaly());
        Path readme = drawn.dir().resolve("README.md");
        AtomicFiles.writeString(readme, ReportText.markdown(sections));
        files.add(readme);
        Path notebook = drawn.dir().resolve("autoencoder.ipynb");
        NotebookWriter.write(notebook, sections, drawn.dir());
        files.add(notebook);
        return new Export(files, drawn.point(), drawn.grid(), "");
    }

    /**
     * The report of a training run that just ended, drawn from the model it saved (so the report
     * shows what a caller of that model gets). MNIST with a 2-D code gets the tutorial's report;
     * other data gets the figures that fit it: reconstructions only for square images, the latent
     * scatter (or, for codes of more than two values, their first two principal components),
     * generation and the manifold only for a 2-D code of images, and a notebook without code
     * cells (its code reads MNIST).
     */
    public static Export afterTraining(Autoencoder ae, TrainingData data, ModelCard card,
                                       List<ModelCard.LossPoint> stepLosses, Options options) throws IOException {
        return inNewFolder(options, dir -> {
            if ("mnist".equals(data.provenance().kind()) && ae.latentSize() == 2) {
                AnomalyInput anomaly = new AnomalyInput(data.otherTest().orElse(null), data.train().features());
                return describe(draw(ae, data.test(), anomaly, card.lossLog(), stepLosses, options.withExportDir(dir)),
                        data.test(), card);
            }
            return OwnDataReport.write(ae, data, card, stepLosses, options.withExportDir(dir));
        });
    }

    /**
     * A point where the data is densest: the latent code with the most other codes within 5% of
     * the data's extent (1st-99th percentile) around it. It lands inside a cluster, whatever scale
     * and orientation training produced, so the generated image looks like a digit.
     */
    public static float[] pointInsideData(float[][] codes) {
        double r1 = 0.05 * (ManifoldGrid.percentile(codes, 0, 0.99) - ManifoldGrid.percentile(codes, 0, 0.01));
        double r2 = 0.05 * (ManifoldGrid.percentile(codes, 1, 0.99) - ManifoldGrid.percentile(codes, 1, 0.01));
        int step = Math.max(1, codes.length / SCATTER_POINTS);
        int best = 0;
        int bestCount = -1;
        for (int i = 0; i < codes.length; i += step) {
            int count = 0;
            for (float[] other : codes) {
                double d1 = (other[0] - codes[i][0]) / r1;
                double d2 = (other[1] - codes[i][1]) / r2;
                if (d1 * d1 + d2 * d2 <= 1) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                best = i;
            }
        }
        return codes[best].clone();
    }

    static Path write(BufferedImage image, Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Pngs.write(image, file);
        return file;
    }

    /** The first {@code k} of a seeded shuffle of {@code 0..n-1}: the test rows a figure shows. */
    public static int[] randomRows(int n, int k, long seed) {
        return Arrays.copyOf(shuffled(n, new Random(seed)), Math.min(k, n));
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** {@link #INTERPOLATION_STEPS} evenly spaced points from latent code {@code a} to {@code b}, ends included. */
    static float[][] line(float[] a, float[] b) {
        float[][] line = new float[INTERPOLATION_STEPS][];
        for (int s = 0; s < INTERPOLATION_STEPS; s++) {
            float t = (float) s / (INTERPOLATION_STEPS - 1);
            line[s] = new float[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])};
        }
        return line;
    }

    /** The first row of {@code labels} showing {@code digit}. */
    static int firstOf(int[] labels, int digit) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == digit) {
                return i;
            }
        }
        throw new IllegalArgumentException("no test image of digit " + digit);
    }

    /** The given rows of a pixel matrix as arrays. */
    public static float[][] rows(INDArray pixels, int[] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = pixels.getRow(rows[i]).toFloatVector();
        }
        return out;
    }

    /** The given rows of {@code all} (the arrays themselves, not copies). */
    public static float[][] pick(float[][] all, int[] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    /** Per-digit counts of a labelled set, for the report's data section. */
    static Map<Integer, Integer> countsByDigit(int[] labels) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
        return counts;
    }

    /** Numbers as a list in words: {@code 1, 5, 6}. */
    static String joined(java.util.Collection<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
