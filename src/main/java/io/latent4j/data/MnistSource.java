package io.latent4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/** MNIST as training data: the verified files, the chosen digits, MNIST's own test split. */
public final class MnistSource {
    /** The digits the tutorial trains on. */
    public static final SortedSet<Integer> TUTORIAL_DIGITS = Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(1, 5, 6)));

    private MnistSource() {
    }

    /**
     * Loads both splits of {@code files}, keeping {@code digits}; the test split's other digits
     * are kept apart as {@link TrainingData#otherTest()}. The test split loads on a second thread
     * while this one loads the training split: on two cores that hides its 0.4 s.
     */
    public static TrainingData load(MnistFiles files, SortedSet<Integer> digits) throws IOException {
        validate(digits);
        SortedSet<Integer> others = otherDigits(digits);
        CompletableFuture<LabeledRows[]> test = CompletableFuture.supplyAsync(() -> {
            try {
                return new LabeledRows[] {MnistDigits.loadTest(files, digits),
                    others.isEmpty() ? null : MnistDigits.loadTest(files, others)};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        LabeledRows train = MnistDigits.loadTrain(files, digits);
        LabeledRows[] testRows;
        try {
            testRows = test.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        // Labels stay the digits themselves: class i is named "i", and only the chosen ones occur.
        List<String> classNames = IntStream.range(0, 10).mapToObj(String::valueOf).toList();
        return new TrainingData(train, testRows[0], classNames, Optional.empty(), provenance(files, digits),
                Optional.ofNullable(testRows[1]));
    }

    /** The digits 0-9 not in {@code digits}. */
    public static SortedSet<Integer> otherDigits(Set<Integer> digits) {
        SortedSet<Integer> others = new TreeSet<>();
        IntStream.range(0, 10).filter(d -> !digits.contains(d)).forEach(others::add);
        return others;
    }

    /** Rejects a digit selection that is empty or holds something other than 0-9. */
    public static void validate(Set<Integer> digits) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("choose at least one digit");
        }
        for (int d : digits) {
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("digits must be 0-9, got " + d);
            }
        }
    }

    private static DataProvenance provenance(MnistFiles files, SortedSet<Integer> digits) {
        List<DataProvenance.SourceFile> read = new ArrayList<>();
        boolean published = true;
        for (Map.Entry<MnistFile, String> e : files.sha256().entrySet()) {
            MnistFile file = e.getKey();
            String role = (file == MnistFile.TRAIN_IMAGES || file == MnistFile.TRAIN_LABELS ? "train" : "test")
                    + (file.dims() == 1 ? "-labels" : "");
            read.add(new DataProvenance.SourceFile(role, file.fileName(), e.getValue()));
            published &= file.sha256().equals(e.getValue());
        }
        return new DataProvenance("mnist", "MNIST digits " + digits, read,
                published ? DataProvenance.PUBLISHED_SHA256 : "IDX structure (magic number, dimensions, size)",
                "MNIST's test files");
    }
}
