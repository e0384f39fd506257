package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.viz.ManifoldGrid;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;


/** Options of the figure commands: the test images to draw and which of them are shown. */
final class FigureOptions extends MnistTestOptions {
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seeds the choice of test images shown (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Rejects a model whose codes cannot be drawn in a plane: a usage error, exit 2. */
    static void requirePlane(Autoencoder ae, CommandSpec spec) {
        if (ae.latentSize() != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "this command draws a 2-D latent space, but the "
                    + "model's latent space is " + ae.latentSize() + "-D");
        }
    }

    /** A grid from --z1/--z2/--nx/--ny, or null when the ranges are left to the data. */
    static ManifoldGrid grid(Pair z1, Pair z2, int nx, int ny, CommandSpec spec) {
        if ((z1 == null) != (z2 == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give both --z1 and --z2, or neither");
        }
        try {
            if (z1 == null) {
                new ManifoldGrid(0, 1, 0, 1, nx, ny);
                return null;
            }
            return new ManifoldGrid(z1.first(), z1.second(), z2.first(), z2.second(), nx, ny);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Two numbers given as {@code x,y}: a latent point or a range. */
    record Pair(double first, double second) {
    }

    /** Parses {@code x,y} for --z, --z1 and --z2. */
    static final class PairConverter implements CommandLine.ITypeConverter<Pair> {
        @Override
        public Pair convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length != 2) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not two numbers like -6,1");
            }
            double[] pair = new double[2];
            for (int i = 0; i < 2; i++) {
                try {
                    pair[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not two numbers like -6,1");
                }
                if (!Double.isFinite(pair[i])) {
                    throw new CommandLine.TypeConversionException("'" + value + "' must be finite numbers");
                }
            }
            return new Pair(pair[0], pair[1]);
        }
    }
}
