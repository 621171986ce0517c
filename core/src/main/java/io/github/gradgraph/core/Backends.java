package io.github.gradgraph.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the GEMM backend once, by {@code -Dgradgraph.gemm=…}:
 * <ul>
 *   <li>{@code native} (the default) — OpenBLAS from the bytedeco preset's Maven Central jars ({@link
 *       NativeOpenBlas}); where it cannot load, {@code vector}, then {@code ejml};</li>
 *   <li>{@code system} — whatever {@code libblas.so.3} the machine has, through netlib (only when asked: its threads
 *       and speed vary by machine);</li>
 *   <li>{@code vector} — netlib's pure-Java kernels (VectorBLAS with {@code --add-modules jdk.incubator.vector});</li>
 *   <li>{@code ejml} — EJML's single-threaded products, the reference.</li>
 * </ul>
 * Every choice and every fallback, with its reason, is in {@link #report()}.
 */
public final class Backends {
    /**
     * netlib logs a warning for every implementation it tries and cannot load (a missing system BLAS, the vector
     * module not added); those are the expected fallbacks, reported in {@link #report()}, so they are quieted unless
     * the user has configured that logger. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger NETLIB_LOG =
            java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");

    private static final List<String> NOTES = new ArrayList<>();

    private Backends() {
    }

    /**
     * @return how the backend in use was chosen: the fallbacks taken and why, and any thread setting that could not
     *     be used; an empty list when everything was as asked
     */
    public static synchronized List<String> report() {
        MatMul.backend(); // make sure the choice has been made
        List<String> all = new ArrayList<>(NOTES);
        if (Parallel.configurationNote() != null) {
            all.add(Parallel.configurationNote());
        }
        return all;
    }

    /**
     * Every backend that loads in this JVM, each on the shared pool: native OpenBLAS (unless another backend was
     * chosen, since netlib resolves its native library only once), netlib's Java kernels and EJML. For tests and
     * benchmarks that run the same work on each.
     *
     * @return the backends, the default first
     */
    public static synchronized List<Gemm> available() {
        Gemm current = MatMul.backend();
        List<Gemm> all = new ArrayList<>();
        all.add(current);
        NativeOpenBlas.Loaded nat = NativeOpenBlas.loadedOrNull();
        if (nat != null && nat.blas() != null && !current.name().startsWith(nat.label())) {
            all.add(new NetlibGemm(nat.blas(), nat.label(), Parallel.shared()));
        }
        if (!(current instanceof NetlibGemm ng && ng.isJava())) {
            Gemm v = vector();
            if (v != null) {
                all.add(v);
            }
        }
        if (!(current instanceof EjmlGemm)) {
            all.add(new EjmlGemm());
        }
        return all;
    }

    static synchronized Gemm best() {
        if (NETLIB_LOG.getLevel() == null) {
            NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        String asked = System.getProperty("gradgraph.gemm", "native").trim().toLowerCase(Locale.ROOT);
        Gemm chosen = switch (asked) {
            case "native" -> nativeOpenBlas();
            case "system" -> system();
            case "vector" -> vector();
            case "ejml" -> new EjmlGemm();
            default -> {
                NOTES.add("-Dgradgraph.gemm=" + asked + " is not one of native, system, vector, ejml; using native");
                yield nativeOpenBlas();
            }
        };
        if (chosen == null) {
            chosen = vector();
        }
        if (chosen == null) {
            chosen = new EjmlGemm();
        }
        System.getLogger("io.github.gradgraph.core").log(System.Logger.Level.DEBUG, "gemm backend: " + chosen.name());
        return chosen;
    }

    private static Gemm nativeOpenBlas() {
        NativeOpenBlas.Loaded loaded = NativeOpenBlas.load();
        if (loaded.blas() == null) {
            NOTES.add(loaded.failure());
            return null;
        }
        return new NetlibGemm(loaded.blas(), loaded.label(), Parallel.shared());
    }

    private static Gemm system() {
        try {
            dev.ludovic.netlib.blas.BLAS b = dev.ludovic.netlib.blas.NativeBLAS.getInstance();
            return new NetlibGemm(b, "system BLAS (netlib " + b.getClass().getSimpleName() + ")", Parallel.shared());
        } catch (LinkageError | RuntimeException e) {
            NOTES.add("no system BLAS (libblas.so.3) could be loaded: " + e.getMessage());
            return null;
        }
    }

    private static Gemm vector() {
        try {
            return NetlibGemm.java();
        } catch (LinkageError | RuntimeException e) {
            NOTES.add("netlib's Java BLAS could not be loaded: " + e);
            return null;
        }
    }
}
