package io.github.gradgraph.core;

/**
 * Picks the GEMM backend once: netlib BLAS when it loads, EJML otherwise; {@code -Dgradgraph.gemm=ejml} forces EJML.
 * The choice is logged once, at debug level, and is always available from {@link MatMul#backend()}.
 */
final class Backends {
    /**
     * netlib logs a warning for every implementation it tries and cannot load (a missing system BLAS, the vector
     * module not added); those are the expected fallbacks, not problems, so they are quieted unless the user has
     * configured that logger. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger NETLIB_LOG =
            java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");

    private Backends() {
    }

    static Gemm best() {
        if (NETLIB_LOG.getLevel() == null) {
            NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        Gemm chosen = null;
        if (!"ejml".equalsIgnoreCase(System.getProperty("gradgraph.gemm"))) {
            chosen = NetlibGemm.create();
        }
        if (chosen == null) {
            chosen = new EjmlGemm();
        }
        System.getLogger("io.github.gradgraph.core").log(System.Logger.Level.DEBUG, "gemm backend: " + chosen.name());
        return chosen;
    }
}
