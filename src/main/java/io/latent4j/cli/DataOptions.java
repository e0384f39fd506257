package io.latent4j.cli;

import io.latent4j.data.MnistFiles;
import io.latent4j.data.MnistLocator;
import io.latent4j.data.MnistSource;
import io.latent4j.data.TrainingData;
import io.latent4j.data.TrainingSources;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

/** {@code train}'s data: MNIST (the default, digits selectable) or the user's own IDX, CSV or image folder. */
final class DataOptions {
    @Option(names = "--train", paramLabel = "PATH", order = 20,
            description = "Train on your own data instead of MNIST: a .csv, an IDX image file (plain or .gz) or a "
                    + "folder of PNG/JPEG images (labels from sub-folder names).")
    Path train;

    @Option(names = "--train-labels", paramLabel = "PATH", order = 21, description = "IDX labels of --train (optional).")
    Path trainLabels;

    @Option(names = "--test", paramLabel = "PATH", order = 22,
            description = "Test data of the same kind as --train (default: a seeded --test-fraction of --train).")
    Path test;

    @Option(names = "--test-labels", paramLabel = "PATH", order = 23, description = "IDX labels of --test.")
    Path testLabels;

    @Option(names = "--test-fraction", paramLabel = "F", order = 24,
            description = "Share of --train rows held out for testing when no --test is given (default: 0.1; seeded).")
    Double testFraction;

    @Option(names = "--label-column", paramLabel = "N|NAME", order = 25,
            description = "CSV: the label column, 0-based or by header name (default: none; every column is a feature).")
    String labelColumn;

    @Option(names = "--skip-lines", paramLabel = "N", order = 26,
            description = "CSV: header lines to skip (default: 0; a first line that is not numbers is an error, "
                    + "never silently dropped).")
    Integer skipLines;

    @Option(names = "--image-size", paramLabel = "WxH", order = 27,
            description = "Image folders: resize every image to W x H greyscale pixels (default: 28x28).")
    String imageSize;

    @Option(names = "--digits", paramLabel = "D", split = ",", splitSynopsisLabel = ",", order = 28,
            description = "MNIST: digits to train and evaluate on (tutorial: 1,5,6).")
    List<Integer> digits;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 29,
            description = "MNIST: directory with the four MNIST files, plain or .gz (default: $MNIST_DIR, then the "
                    + "sources above).")
    Path dataDir;

    @Option(names = "--allow-unverified", order = 30,
            description = "MNIST: accept files in --data-dir that are not the published MNIST (e.g. Fashion-MNIST); "
                    + "they must still be well-formed, and the model card records their real digests.")
    boolean allowUnverified;

    static final double DEFAULT_TEST_FRACTION = 0.1;
    static final int DEFAULT_IMAGE_SIDE = 28;

    /** Rejects options that do not go together, before anything is read: usage errors. */
    void validate(CommandSpec spec) {
        CommandLine cli = spec.commandLine();
        if (train == null) {
            for (Object given : new Object[] {trainLabels, test, testLabels, testFraction, labelColumn, skipLines, imageSize}) {
                if (given != null) {
                    throw new CommandLine.ParameterException(cli, "--train-labels, --test, --test-labels, --test-fraction, "
                            + "--label-column, --skip-lines and --image-size describe --train data; give --train PATH");
                }
            }
            if (digits != null) {
                try {
                    MnistSource.validate(new TreeSet<>(digits));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cli, e.getMessage());
                }
            }
            return;
        }
        if (digits != null || dataDir != null || allowUnverified) {
            throw new CommandLine.ParameterException(cli, "--digits, --data-dir and --allow-unverified select MNIST; "
                    + "they do not go with --train");
        }
        Kind kind = kind(train);
        if (kind != Kind.IDX && (trainLabels != null || testLabels != null)) {
            throw new CommandLine.ParameterException(cli, "--train-labels and --test-labels are for IDX files; "
                    + train + " is " + kind.description);
        }
        if (kind != Kind.CSV && (labelColumn != null || skipLines != null)) {
            throw new CommandLine.ParameterException(cli, "--label-column and --skip-lines are for CSV files; "
                    + train + " is " + kind.description);
        }
        if (kind != Kind.FOLDER && imageSize != null) {
            throw new CommandLine.ParameterException(cli, "--image-size is for image folders; " + train + " is "
                    + kind.description);
        }
        if (testLabels != null && test == null) {
            throw new CommandLine.ParameterException(cli, "--test-labels needs --test");
        }
        if (test != null && testFraction != null) {
            throw new CommandLine.ParameterException(cli, "give --test or --test-fraction, not both");
        }
        if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
            throw new CommandLine.ParameterException(cli, "--test-fraction must be between 0 and 1, got " + testFraction);
        }
        if (skipLines != null && skipLines < 0) {
            throw new CommandLine.ParameterException(cli, "--skip-lines must be 0 or more, got " + skipLines);
        }
        if (imageSize != null) {
            imageSize(cli);
        }
    }

    /** Reads the chosen data; MNIST through its verified chain. */
    TrainingData load(long seed, Consumer<String> info, CommandSpec spec) throws IOException {
        if (train == null) {
            return mnist(info, spec);
        }
        double fraction = testFraction != null ? testFraction : DEFAULT_TEST_FRACTION;
        TrainingData data = switch (kind(train)) {
            case CSV -> TrainingSources.csv(train, test, new TrainingSources.CsvLayout(skipLines == null ? 0 : skipLines,
                    labelColumn), fraction, seed);
            case FOLDER -> {
                int[] size = imageSize == null ? new int[] {DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE} : imageSize(spec.commandLine());
                yield TrainingSources.imageFolder(train, test, size[0], size[1], fraction, seed);
            }
            case IDX -> TrainingSources.idx(new TrainingSources.IdxInput(train, trainLabels),
                    test == null ? null : new TrainingSources.IdxInput(test, testLabels), fraction, seed);
        };
        info.accept("Data: " + data.provenance().description() + "; checked: " + data.provenance().verification());
        return data;
    }

    private TrainingData mnist(Consumer<String> info, CommandSpec spec) throws IOException {
        MnistLocator locator = MnistLocator.standard(dataDir, info);
        if (allowUnverified) {
            try {
                locator = locator.allowingUnverified();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        MnistFiles files = locator.locate();
        info.accept((allowUnverified ? "Data: 4 files checked (IDX structure; digests in the model card) from "
                : "MNIST: 4 files verified (SHA-256) from ") + describeOrigin(files));
        java.util.SortedSet<Integer> chosen = digits == null ? MnistSource.TUTORIAL_DIGITS : new TreeSet<>(digits);
        TrainingData data = MnistSource.load(files, chosen);
        info.accept(String.format(Locale.ROOT, "Data: digits %s, %d training and %d test images of %d pixels",
                chosen, data.train().count(), data.test().count(), data.columns()));
        return data;
    }

    private int[] imageSize(CommandLine cli) {
        return imageSize(imageSize, cli);
    }

    /** Parses {@code WxH} (for --image-size); a bad value is a usage error. */
    static int[] imageSize(String value, CommandLine cli) {
        String[] parts = value.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w > 0 && h > 0 && (long) w * h <= 4096L * 4096L) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(cli, "--image-size must be WxH with positive sizes (at most 4096x4096), "
                + "e.g. 28x28; got '" + value + "'");
    }

    /** The kinds of --train input, told apart by what the path is. */
    enum Kind {
        CSV("a CSV file"), IDX("an IDX file"), FOLDER("a folder of images");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    static Kind kind(Path path) {
        if (Files.isDirectory(path)) {
            return Kind.FOLDER;
        }
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Kind.CSV : Kind.IDX;
    }

    private static String describeOrigin(MnistFiles files) {
        return String.join(", ", new TreeSet<>(files.origins().values().stream()
                .map(o -> Path.of(o).getParent() == null ? o : Path.of(o).getParent().toString()).toList()));
    }
}
