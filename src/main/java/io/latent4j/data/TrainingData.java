package io.latent4j.data;

import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an autoencoder trains on, wherever it came from: training rows, test rows, the names of
 * the label classes, how the features were scaled, and the provenance of it all. The rows are
 * already scaled: pixels to [0, 1], other features by {@code scaler}, fitted on the training rows.
 *
 * @param train      the training rows
 * @param test       the test rows (a seeded share of the input when no test set was given)
 * @param classNames the name of each label value (label {@code i} is {@code classNames.get(i)}; not
 *                   every name need occur, e.g. MNIST names all ten digits); empty when the data has
 *                   no labels (then every label is 0)
 * @param scaler     the min-max scaler the features went through, if any; it travels with the
 *                   model so callers pass and get rows in their own units
 * @param provenance what was read and how it was checked
 * @param otherTest  test rows of classes left out of training, kept apart from {@code test} for the
 *                   report's anomaly section (MNIST: the test files' other digits); empty when there are none
 */
public record TrainingData(LabeledRows train, LabeledRows test, List<String> classNames,
                           Optional<NormalizerMinMaxScaler> scaler, DataProvenance provenance,
                           Optional<LabeledRows> otherTest) {
    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(otherTest, "otherTest");
        classNames = List.copyOf(classNames);
        if (train.features().columns() != test.features().columns()) {
            throw new IllegalArgumentException("training rows have " + train.features().columns()
                    + " columns but test rows " + test.features().columns());
        }
        if (otherTest.isPresent() && otherTest.get().features().columns() != test.features().columns()) {
            throw new IllegalArgumentException("other test rows have " + otherTest.get().features().columns()
                    + " columns but test rows " + test.features().columns());
        }
    }

    /** Data whose test rows are all of the training classes. */
    public TrainingData(LabeledRows train, LabeledRows test, List<String> classNames,
                        Optional<NormalizerMinMaxScaler> scaler, DataProvenance provenance) {
        this(train, test, classNames, scaler, provenance, Optional.empty());
    }

    /** Width of every row. */
    public int columns() {
        return (int) train.features().columns();
    }

    /** Whether the rows carry class labels. */
    public boolean labelled() {
        return !classNames.isEmpty();
    }

    /** The name of label {@code label}, or "all" for unlabelled data. */
    public String className(int label) {
        return labelled() ? classNames.get(label) : "all";
    }
}
