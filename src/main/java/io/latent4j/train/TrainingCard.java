package io.latent4j.train;

import io.latent4j.ModelCard;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.OptimizerSchedule;
import io.latent4j.config.Sampling;
import io.latent4j.data.TrainingData;
import io.latent4j.model.BuildInfo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The card of a finished run, from its settings, its data, its training record and its evaluation. */
final class TrainingCard {
    private TrainingCard() {
    }

    static ModelCard of(String preset, AutoencoderConfig config, TrainingData data, Trainer.Result result,
                        TrainingRun.Evaluation evaluation, int threads) {
        OptimizerSchedule schedule = config.schedule();
        var provenance = data.provenance();
        TreeSet<Integer> present = new TreeSet<>();
        for (int label : data.train().labels()) {
            present.add(label);
        }
        return new ModelCard(ModelCard.FORMAT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), preset,
                config.architecture().layerSizes(), config.architecture().activation(), config.initStd(),
                schedule.learningRate(), schedule.finalLearningRateFactor(), samplingName(schedule.sampling()),
                schedule.iterations(), schedule.batchSize(), config.seed(),
                provenance.kind(), provenance.description(), provenance.verification(), provenance.split(),
                provenance.files().stream().map(f -> new ModelCard.DataFile(f.role(), f.path(), f.sha256())).toList(),
                data.labelled() ? present.stream().map(data::className).toList() : java.util.List.of(),
                data.scaler().isPresent() ? "min-max per column, fitted on the training rows" : "pixels / 255",
                data.train().count(), data.test().count(), result.seconds(),
                result.msPerIteration(schedule.iterations()), threads,
                evaluation.test().mse(), evaluation.train().mse(), byName(evaluation.test(), data),
                byName(evaluation.train(), data), evaluation.pcaTestMse(), result.lossLog(),
                BuildInfo.latent4jVersion(), BuildInfo.dl4jVersion(), BuildInfo.nd4jBackend(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                null, evaluation.trainErrors(), config.architecture().kind().id(),
                variational(config, evaluation.variational()), schedule.beta2());
    }

    private static ModelCard.Variational variational(AutoencoderConfig config, VariationalMetrics metrics) {
        if (metrics == null) {
            return null;
        }
        return new ModelCard.Variational(config.architecture().reconstruction().id(), metrics.elbo(),
                metrics.reconstructionLogLikelihood(), metrics.kl(), TrainingRun.ELBO_SAMPLES, config.seed());
    }

    /** How the card names a sampling scheme. */
    static String samplingName(Sampling sampling) {
        return sampling == Sampling.EPOCHS ? "epochs" : "with-replacement";
    }

    private static Map<String, Double> byName(ReconstructionMetrics metrics, TrainingData data) {
        Map<String, Double> named = new TreeMap<>();
        if (data.labelled()) {
            metrics.perLabel().forEach((label, mse) -> named.put(data.className(label), mse));
        }
        return named;
    }
}
