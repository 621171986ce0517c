package io.github.gradgraph.core;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Native OpenBLAS, the same on every machine: the library that the bytedeco OpenBLAS preset ships inside its Maven
 * Central jars (nothing to install), called through netlib's JNI binding, which passes the Java arrays themselves
 * (no copies, nothing allocated per call). JavaCPP's {@code Loader} extracts the library once into its cache
 * ({@code ~/.javacpp/cache}); netlib's binding then opens that file instead of the system's {@code libblas.so.3}.
 *
 * <p>Native on Linux x86-64 and ARM64, the platforms for which both the preset and netlib's binding ship natives;
 * elsewhere {@link #load()} reports why and gradgraph uses netlib's Java kernels. OpenBLAS runs single-threaded by
 * default ({@code -Dgradgraph.blas.threads=N} changes it): gradgraph's {@link Parallel} pool owns the cores, and
 * two thread pools on the same cores slow each other down.
 */
final class NativeOpenBlas {
    /** The outcome of loading: the BLAS and its description, or why there is none. */
    record Loaded(BLAS blas, String label, String failure) {
    }

    private static Loaded loaded;

    private NativeOpenBlas() {
    }

    /**
     * Loads once per JVM. Must run before anything else touches netlib: netlib resolves its native library once, when
     * its instance builder is first used ({@link MatMul}'s backend choice comes first for that reason).
     *
     * @return the native BLAS, or a failure saying why it cannot be used here
     */
    static synchronized Loaded load() {
        if (loaded == null) {
            loaded = tryLoad();
        }
        return loaded;
    }

    /** @return the outcome of an earlier {@link #load()}, or null when nothing tried to load it */
    static synchronized Loaded loadedOrNull() {
        return loaded;
    }

    private static Loaded tryLoad() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return failed("native OpenBLAS is bundled for Linux x86-64 and ARM64 only, not " + os + " " + arch);
        }
        try {
            String jni = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
            Path lib = Path.of(jni).resolveSibling("libopenblas_nolapack.so.0");
            if (!Files.isRegularFile(lib)) {
                return failed("the OpenBLAS preset did not extract " + lib);
            }
            int threads = Integer.getInteger("gradgraph.blas.threads", 1);
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(Math.max(1, threads));
            System.setProperty("dev.ludovic.netlib.blas.nativeLibPath", lib.toString());
            BLAS blas = NativeBLAS.getInstance();
            String version = org.bytedeco.openblas.global.openblas_nolapack.OPENBLAS_VERSION.trim();
            return new Loaded(blas, version + " (native, " + Math.max(1, threads) + " BLAS thread"
                    + (threads > 1 ? "s" : "") + " per range)", null);
        } catch (LinkageError | RuntimeException e) {
            return failed("native OpenBLAS could not be loaded: " + e);
        }
    }

    private static Loaded failed(String why) {
        return new Loaded(null, null, why);
    }
}
