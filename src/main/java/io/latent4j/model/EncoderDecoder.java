package io.latent4j.model;

import io.latent4j.config.ArchitectureConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The two halves of a trained autoencoder as separate networks: the encoder (input to latent
 * code) and the decoder-only network (latent code to image). Both are built from the same
 * {@link AutoencoderArchitecture} slices as the full network and receive copies of its trained
 * weights and biases, so {@code decoder(encoder(x))} equals the full network's output.
 *
 * @param architecture the architecture recovered from the full network
 * @param encoder input to latent code
 * @param decoder latent code to reconstruction
 */
public record EncoderDecoder(ArchitectureConfig architecture, MultiLayerNetwork encoder, MultiLayerNetwork decoder) {

    /** Splits a trained autoencoder; the full network is left untouched. */
    public static EncoderDecoder split(MultiLayerNetwork full) throws NotAnAutoencoderException {
        ArchitectureConfig architecture = AutoencoderArchitecture.architectureOf(full);
        if (architecture.kind() == io.latent4j.config.ModelKind.VAE) {
            return variational(architecture, full);
        }
        int encoderLayers = AutoencoderArchitecture.encoderLayerCount(architecture);
        MultiLayerNetwork encoder = new MultiLayerNetwork(AutoencoderArchitecture.encoder(architecture));
        encoder.init();
        MultiLayerNetwork decoder = new MultiLayerNetwork(AutoencoderArchitecture.decoder(architecture));
        decoder.init();
        for (int i = 0; i < full.getnLayers(); i++) {
            MultiLayerNetwork half = i < encoderLayers ? encoder : decoder;
            int j = i < encoderLayers ? i : i - encoderLayers;
            for (String param : new String[] {AutoencoderArchitecture.WEIGHTS, AutoencoderArchitecture.BIAS}) {
                half.getLayer(j).getParam(param).assign(full.getLayer(i).getParam(param));
            }
        }
        return new EncoderDecoder(architecture, encoder, decoder);
    }

    /** A variational autoencoder's halves: input to posterior mean, latent code to the mean of p(x|z). */
    private static EncoderDecoder variational(ArchitectureConfig architecture, MultiLayerNetwork full) {
        MultiLayerNetwork encoder = new MultiLayerNetwork(AutoencoderArchitecture.encoder(architecture));
        encoder.init();
        MultiLayerNetwork decoder = new MultiLayerNetwork(AutoencoderArchitecture.decoder(architecture));
        decoder.init();
        VariationalLayers.copyInto(full, encoder, decoder);
        return new EncoderDecoder(architecture, encoder, decoder);
    }
}
