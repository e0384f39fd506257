package io.latent4j.viz;

import io.latent4j.ModelCard;

import java.util.List;
import java.util.Locale;

/** The report's words where a variational autoencoder differs from the tutorial's plain one. */
final class VariationalReportText {
    private VariationalReportText() {
    }

    /** Section 3: the one variational layer, as its sub-layers. */
    static String shape(ModelCard card) {
        List<Integer> layers = card.layers();
        int latent = layers.size() / 2;
        boolean bernoulli = "bernoulli".equals(card.variational().reconstruction());
        StringBuilder text = new StringBuilder("## 3. Define the autoencoder shape, weights and biases\n\n"
                + "One DL4J `VariationalAutoencoder` layer holds the whole network: encoder layers, the posterior "
                + "q(z|x) = N(mean, diag(exp(log-variance))) with both heads linear, decoder layers mirroring the "
                + "encoder, and the reconstruction distribution p(x|z), "
                + (bernoulli ? "Bernoulli with a sigmoid mean" : "Gaussian with a linear mean and log-variance")
                + ". Encoding gives the posterior mean; decoding the mean of p(x|z). Weights and biases are drawn from "
                + "Normal(0, " + card.initStd() + ").\n\n| layer | in | out | activation |\n|---|---|---|---|\n");
        for (int i = 0; i < latent - 1; i++) {
            row(text, "encoder" + (i + 1), layers.get(i), layers.get(i + 1), card.activation());
        }
        row(text, "posterior mean", layers.get(latent - 1), layers.get(latent), "identity");
        row(text, "posterior log-variance", layers.get(latent - 1), layers.get(latent), "identity");
        for (int i = latent; i < layers.size() - 2; i++) {
            row(text, "decoder" + (i - latent + 1), layers.get(i), layers.get(i + 1), card.activation());
        }
        int last = layers.size() - 1;
        row(text, "p(x&#124;z)", layers.get(last - 1), bernoulli ? layers.get(last) : 2 * layers.get(last),
                bernoulli ? "sigmoid" : "identity");
        return text.toString();
    }

    private static void row(StringBuilder text, String name, int in, int out, String activation) {
        text.append("| ").append(name).append(" | ").append(in).append(" | ").append(out).append(" | ")
                .append(activation).append(" |\n");
    }

    /** The own-data report's network section. */
    static String network(ModelCard card) {
        return "## 2. Network\n\nA variational autoencoder (DL4J's `VariationalAutoencoder` layer) on layers "
                + String.join("-", card.layers().stream().map(String::valueOf).toList()) + ", " + card.activation()
                + " hidden, a Gaussian posterior over the code (its mean is the code shown) and a "
                + card.variational().reconstruction() + " p(x|z) (its mean is the reconstruction), trained on the "
                + "negative ELBO; weights and biases drawn from Normal(0, " + card.initStd() + ").\n";
    }

    /** Section 4: the negative ELBO. */
    static String loss(ModelCard card) {
        return "## 4. Define loss, initializer and optimizer\n\n"
                + "The negative evidence lower bound (ELBO) per image, -E_q[log p(x|z)] + KL(q(z|x) || N(0, I)): the "
                + "reconstruction term with one draw z = mean + sigma * e per image (the reparameterisation DL4J's layer "
                + "uses, e ~ N(0, I) from ND4J's generator seeded per step), the KL term exact. Adam with "
                + ReportText.adamText(card) + ".\n";
    }

    /** Section 7's addition: the ELBO and its terms on the test set. */
    static String elbo(ModelCard card) {
        ModelCard.Variational v = card.variational();
        return String.format(Locale.ROOT, "%nThe evidence lower bound on the test set, in nats per image (%d draws of z per "
                + "image, seed %d):%n%n| | test set |%n|---|---|%n| ELBO | %.2f |%n| reconstruction log-likelihood "
                + "E_q[log p(x&#124;z)] | %.2f |%n| KL(q(z&#124;x) &#124;&#124; N(0, I)) | %.2f |%n", v.samples(), v.seed(),
                v.testElbo(), v.testReconstructionLogLikelihood(), v.testKl());
    }

    /** Section 12: the prior's manifold and samples. */
    static List<ReportSection> prior() {
        int n = PriorFigures.MANIFOLD_SIDE;
        String manifold = String.format(Locale.ROOT, "## 12. The prior (variational autoencoder)%n%nImages decoded from "
                + "a %dx%d grid over the prior's quantiles, as the Keras VAE example draws it: Z1 and Z2 at "
                + "norm.ppf(linspace(%.2f, %.2f, %d)), from %.3f to %.3f, evenly spaced in probability under the "
                + "prior N(0, I) (Z1 left to right, Z2 bottom to top, jet colour map, clim (0, 1)).%n", n, n,
                PriorFigures.LOW_QUANTILE, PriorFigures.HIGH_QUANTILE, n, PriorFigures.quantilePoint(0, n),
                PriorFigures.quantilePoint(n - 1, n));
        int k = PriorFigures.SAMPLES_SIDE;
        String samples = String.format(Locale.ROOT, "%d images generated from the prior: latent points drawn from "
                + "N(0, I) (`Autoencoder.sample(%d, %d)`), each decoded to the mean of p(x|z).%n", k * k, k * k,
                PriorFigures.SAMPLES_SEED);
        return List.of(new ReportSection(manifold, ReportExporter.VARIATIONAL_FIGURES.get(0), "Manifold over the prior's "
                + "quantiles", null), new ReportSection(samples, ReportExporter.VARIATIONAL_FIGURES.get(1),
                "Samples from the prior", null));
    }
}
