package io.latent4j.train;

/**
 * Float tanh as a clamped rational function (the approximation Eigen uses for float {@code
 * tanh}), written with only multiplies, adds, a divide and min/max so that C2 vectorises loops
 * over it. libnd4j's tanh costs about 9 ns per element here and {@code Math.tanh} about 10 ns;
 * this costs about 0.5 ns, at an error of a few float ulps (tested against {@code Math.tanh}).
 */
final class Tanh {
    /** Beyond this magnitude tanh rounds to +-1 in float. */
    private static final float CLAMP = 7.90531110763549805f;

    private Tanh() {
    }

    static float of(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float c2 = c * c;
        float p = -2.76076847742355e-16f;
        p = p * c2 + 2.00018790482477e-13f;
        p = p * c2 - 8.60467152213735e-11f;
        p = p * c2 + 5.12229709037114e-08f;
        p = p * c2 + 1.48572235717979e-05f;
        p = p * c2 + 6.37261928875436e-04f;
        p = p * c2 + 4.89352455891786e-03f;
        float q = 1.19825839466702e-06f;
        q = q * c2 + 1.18534705686654e-04f;
        q = q * c2 + 2.26843463243900e-03f;
        q = q * c2 + 4.89352518554385e-03f;
        return c * p / q;
    }
}
