package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.ModelCard;
import io.latent4j.data.FloatRows;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.TrainingData;
import io.latent4j.files.AtomicFiles;
import io.latent4j.model.FeatureScaling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The report of a model trained on data other than the tutorial's (or with a latent code other
 * than 2-D): the figures that fit the data, and text that says what the data was and how it was
 * checked, from the model card.
 */
final class OwnDataReport {
    private OwnDataReport() {
    }

    static ReportExporter.Export write(Autoencoder ae, TrainingData data, ModelCard card,
                                       List<ModelCard.LossPoint> stepLosses, ReportExporter.Options options)
            throws IOException {
        Path dir = options.exportDir();
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        LabeledRows test = data.test();
        // The model takes rows in the caller's units; the data holds them scaled.
        float[][] rows = FloatRows.of(test.features());
        data.scaler().map(FeatureScaling::of).ifPresent(scaling -> {
            for (float[] row : rows) {
                scaling.revert(row);
            }
        });
        float[][] codes = ae.encode(rows);
        int[] labels = test.labels();
        int[] order = ReportExporter.randomRows(test.count(), Math.max(ReportExporter.GRID_DIGITS,
                ReportExporter.SCATTER_POINTS), options.seed());
        int side = Figures.squareSide(ae.inputSize());
        boolean images = side > 0 && !"csv".equals(data.provenance().kind());

        if (images) {
            float[][] inputs = ReportExporter.pick(rows, Arrays.copyOf(order, Math.min(ReportExporter.GRID_DIGITS, order.length)));
            files.add(ReportExporter.write(Figures.reconstruction(inputs, ae.reconstruct(inputs), side), dir,
                    "reconstruction.png"));
        } else {
            skipped.add("reconstruction.png: the rows are not square images");
        }
        java.util.Set<Integer> trained = new java.util.TreeSet<>();
        Arrays.stream(data.train().labels()).forEach(trained::add);
        AnomalyReport.Drawn anomaly = AnomalyReport.draw(ae, AnomalyReport.Rows.of(test, data.otherTest().orElse(null),
                trained, data.train().features(), data.scaler().map(FeatureScaling::of).orElse(null)), data::className,
                data.labelled() ? "classes " + String.join(", ", trained.stream().map(data::className).toList())
                        : "rows like the training rows", "other classes", dir, images ? side : 0, null);
        files.addAll(anomaly.files());
        int[] scatterRows = Arrays.copyOf(order, Math.min(ReportExporter.SCATTER_POINTS, order.length));
        float[][] plane = plane(codes);
        String[] axes = ae.latentSize() == 1 ? new String[] {"Z1", "class"}
                : ae.latentSize() == 2 ? new String[] {"Z1", "Z2"}
                : new String[] {"PC1 of the codes", "PC2 of the codes"};
        float[][] scatter = ReportExporter.pick(plane, scatterRows);
        int[] scatterLabels = Arrays.stream(scatterRows).map(i -> labels[i]).toArray();
        if (ae.latentSize() == 1) {
            for (int i = 0; i < scatter.length; i++) {
                scatter[i] = new float[] {scatter[i][0], scatterLabels[i]};
            }
        }
        files.add(ReportExporter.write(Figures.latentSpace(scatter, scatterLabels, data::className, axes[0], axes[1]), dir,
                "latent-space.png"));
        if (ae.latentSize() == 2 && images) {
            float[] point = ReportExporter.pointInsideData(codes);
            files.add(ReportExporter.write(Figures.generation(scatter, scatterLabels, point, ae.decode(new float[][] {point})[0],
                    side), dir, "generation.png"));
            ManifoldGrid grid = ManifoldGrid.covering(codes, options.nx(), options.ny());
            java.awt.image.BufferedImage canvas = ManifoldGrid.render(grid.decode(ae));
            files.add(ReportExporter.write(canvas, dir, "manifold.png"));
            files.add(ReportExporter.write(Figures.manifoldLabeled(canvas, grid), dir, "manifold-labeled.png"));
        } else {
            skipped.add("generation, manifold and interpolation: they need a 2-D code of square images");
        }
        files.add(ReportExporter.write(Figures.loss(card.lossLog(), stepLosses), dir, "loss.png"));

        List<ReportSection> sections = sections(card, files, ae.latentSize(), skipped, anomaly.sections());
        Path readme = dir.resolve("README.md");
        AtomicFiles.writeString(readme, ReportText.markdown(sections));
        files.add(readme);
        Path notebook = dir.resolve("autoencoder.ipynb");
        NotebookWriter.write(notebook, sections, dir);
        files.add(notebook);
        return new ReportExporter.Export(files, null, null, skipped.isEmpty() ? "" : "skipped " + String.join("; ", skipped));
    }

    private static List<ReportSection> sections(ModelCard card, List<Path> written, int latentSize, List<String> skipped,
                                                List<ReportSection> anomaly) {
        List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
        List<ReportSection> s = new ArrayList<>();
        s.add(ReportSection.text("# Autoencoder with Deeplearning4j\n\nA dense autoencoder trained by latent4j ("
                + "`" + card.preset() + "` preset's schedule, seed " + card.seed() + ", created " + card.createdAt()
                + "). Every figure below was written from the trained model; the full record is the model card "
                + "beside the model.\n"));
        StringBuilder data = new StringBuilder("## 1. Data\n\n" + card.dataDescription() + ". "
                + String.format(Locale.ROOT, "%d training rows and %d test rows (%s). Features were scaled: %s. "
                + "How the files were checked: %s.", card.trainCount(), card.testCount(), card.dataSplit(), card.scaling(),
                card.dataVerification()));
        ReportText.dataFiles(data, card);
        s.add(ReportSection.text(data.toString()));
        StringBuilder shape = new StringBuilder("## 2. Network\n\nLayers " + String.join("-",
                card.layers().stream().map(String::valueOf).toList()) + ", " + card.activation()
                + " hidden, linear code and output, weights and biases drawn from Normal(0, " + card.initStd() + ").\n");
        s.add(ReportSection.text(card.variational() != null ? VariationalReportText.network(card) : shape.toString()));
        StringBuilder log = new StringBuilder(String.format(Locale.ROOT, "## 3. Optimization%n%nAdam, %s, "
                        + "%d steps of %d rows %s. Training took %.1f s (%.2f ms/iteration)."
                        + (card.variational() != null ? " The cost is the batch's negative ELBO per row." : "")
                        + "%n%n| Iter | Cost |%n|---|---|%n",
                ReportText.adamText(card),
                card.iterations(), card.batchSize(), ReportText.samplingText(card), card.trainSeconds(), card.msPerIteration()));
        card.lossLog().forEach(p -> log.append("| ").append(p.iteration()).append(" | ")
                .append(ReportExporter.f(p.loss())).append(" |\n"));
        s.add(new ReportSection(log.toString(), "loss.png", "Training loss", null));
        StringBuilder test = new StringBuilder(String.format(Locale.ROOT, "## 4. Test%n%n| | MSE (mean over all "
                        + "values, in the scaled space) |%n|---|---|%n| autoencoder, test set | %s |%n"
                        + "| autoencoder, training set | %s |%n| best %d-component PCA (linear), test set | %s |%n",
                ReportExporter.f(card.testMse()), ReportExporter.f(card.trainMse()), latentSize,
                ReportExporter.f(card.pcaTestMse())));
        if (!card.classNames().isEmpty()) {
            test.append("\n| class | test MSE | training MSE |\n|---|---|---|\n");
            ReportText.perClass(test, card);
        }
        if (card.variational() != null) {
            test.append(VariationalReportText.elbo(card));
        }
        s.add(new ReportSection(test.toString(), names.contains("reconstruction.png") ? "reconstruction.png" : null,
                "Input and reconstructed images", null));
        s.addAll(anomaly);
        String plane = latentSize == 2 ? "the 2-D latent space" : latentSize == 1 ? "the 1-D code (by class)"
                : "the first two principal components of the " + latentSize + "-D codes";
        s.add(new ReportSection("## 5. Latent space\n\n" + ReportExporter.SCATTER_POINTS + " random test rows in " + plane
                + (card.classNames().isEmpty() ? "." : ", coloured by class.") + "\n", "latent-space.png", "Latent space", null));
        if (names.contains("generation.png")) {
            s.add(new ReportSection("## 6. Generation\n\nThe decoder's image at the densest point of the test codes.\n",
                    "generation.png", "Generated image", null));
            s.add(new ReportSection("## 7. The manifold\n\nImages decoded from a grid over the test codes' 1st-99th "
                    + "percentiles.\n", "manifold-labeled.png", "Manifold", null));
        }
        if (!skipped.isEmpty()) {
            s.add(ReportSection.text("## Not drawn\n\n" + String.join("\n", skipped.stream().map(x -> "- " + x).toList()) + "\n"));
        }
        return s;
    }

    /** Codes of up to two values as they are; longer codes as their first two principal components. */
    static float[][] plane(float[][] codes) {
        int d = codes[0].length;
        if (d <= 2) {
            return codes;
        }
        double[] mean = new double[d];
        for (float[] c : codes) {
            for (int j = 0; j < d; j++) {
                mean[j] += c[j] / (double) codes.length;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] c : codes) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] += (c[i] - mean[i]) * (c[j] - mean[j]);
                }
            }
        }
        double[] first = leadingEigenvector(cov);
        double lambda = rayleigh(cov, first);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i][j] -= lambda * first[i] * first[j];
            }
        }
        double[] second = leadingEigenvector(cov);
        float[][] plane = new float[codes.length][2];
        for (int r = 0; r < codes.length; r++) {
            for (int j = 0; j < d; j++) {
                plane[r][0] += (float) ((codes[r][j] - mean[j]) * first[j]);
                plane[r][1] += (float) ((codes[r][j] - mean[j]) * second[j]);
            }
        }
        return plane;
    }

    /** Power iteration on a small symmetric matrix, from a fixed start (deterministic figures). */
    private static double[] leadingEigenvector(double[][] m) {
        int d = m.length;
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 1.0 / Math.sqrt(d) + 1e-3 * i;
        }
        for (int it = 0; it < 500; it++) {
            double[] next = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    next[i] += m[i][j] * v[j];
                }
            }
            double norm = Math.sqrt(Arrays.stream(next).map(x -> x * x).sum());
            if (norm == 0) {
                return v;
            }
            for (int i = 0; i < d; i++) {
                v[i] = next[i] / norm;
            }
        }
        return v;
    }

    private static double rayleigh(double[][] m, double[] v) {
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                sum += v[i] * m[i][j] * v[j];
            }
        }
        return sum;
    }
}
