package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The float32 kernel classes are generated from the float64 sources that core/pom.xml lists (docs/decisions/0012),
 * and faithfully: each exists as generated code only, offers the float twin of every float64 matrix kernel, and on
 * random inputs (with NaN, ±∞, ±0 and subnormals) gives the float64 kernel's result rounded once to float — exactly
 * (±0 alike), as one float operation, or one float64 sum, rounded once does. The exceptions are sgemm (float
 * arithmetic throughout: within its rounding bound) and softplus (its float shortcut: within 1 ulp).
 */
class GeneratedFloatKernelsTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static final Path SOURCES = Path.of("src/main/java/io/github/gradgraph/core");
    private static final Path GENERATED = Path.of("target/generated-sources/float32/io/github/gradgraph/core");
    /** Float64 kernels whose float32 twins live in a generated class other than their own: FloatUnaryOps's. */
    private static final Map<String, Class<?>> ALSO_MIRRORED = Map.of("UnaryOps", SmoothActivations.class);

    private final Random random = new Random(SEED);
    private final Set<String> checked = new TreeSet<>();

    /** @return the float64 kernel sources that core/pom.xml generates float32 twins of, read from its one list */
    static List<String> generatedFromPom() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher list = Pattern.compile("(?s)<fileset id=\"float64.kernels\"[^>]*>(.*?)</fileset>").matcher(pom);
        assertTrue(list.find(), "core/pom.xml has the fileset float64.kernels");
        List<String> names = new ArrayList<>();
        Matcher include = Pattern.compile("<include name=\"(\\w+)\\.java\"/>").matcher(list.group(1));
        while (include.find()) {
            names.add(include.group(1));
        }
        return names;
    }

    @Test
    void everyListedKernelClass_isGeneratedAndNotHandWritten() throws Exception {
        List<String> names = generatedFromPom();
        assertTrue(names.containsAll(List.of("UnaryOps", "BroadcastOps", "Reductions", "FusedOps")), names.toString());
        for (String name : names) {
            Path generated = GENERATED.resolve("Float" + name + ".java");
            assertTrue(Files.exists(generated), generated + " was generated");
            assertTrue(Files.readString(generated).startsWith("// GENERATED from its float64 source"), name);
            assertFalse(Files.exists(SOURCES.resolve("Float" + name + ".java")), "Float" + name + " is hand-written");
            Class<?> twin = Class.forName("io.github.gradgraph.core.Float" + name);
            assertTrue(Modifier.isFinal(twin.getModifiers()), name);
            assertEquals(Modifier.isPublic(Class.forName("io.github.gradgraph.core." + name).getModifiers()),
                    Modifier.isPublic(twin.getModifiers()), name + " and its twin are both public, or both not");
        }
    }

    /**
     * Generated classes whose kernels are sums over windows, channels or the batch (not one rounding per element):
     * FloatConvPoolTwinsTest checks them against float64 within float32 rounding; and the per-thread scratch, which
     * holds no kernel.
     */
    private static final Set<String> CHECKED_ELSEWHERE = Set.of("Convolutions", "ConvTiles", "Pooling", "Scratch",
            "ThinProducts");

    /** Every public float64 matrix kernel has its float32 twin and no float32 kernel lacks a float64 original. */
    @Test
    void everyGeneratedClass_mirrorsItsFloat64ClassesPublicKernels() throws Exception {
        for (String name : generatedFromPom()) {
            if (name.equals("Scratch") || name.equals("ConvTiles")) {
                continue; // the per-thread scratch and the convolution's tiles, used by Convolutions: not kernels
            }
            Class<?> twin = Class.forName("io.github.gradgraph.core.Float" + name);
            Set<String> want = new TreeSet<>();
            for (Class<?> source : sources(name)) {
                for (Method m : kernels(source)) {
                    if (Arrays.asList(m.getParameterTypes()).contains(DMatrixRMaj.class)) {
                        want.add(m.getName() + Arrays.toString(m.getParameterTypes()));
                    } // a scalar helper (σ(x), softplus(x), Σx² over an array) has no float32 twin
                }
            }
            Set<String> got = new TreeSet<>();
            for (Method m : kernels(twin)) {
                got.add(m.getName() + Arrays.toString(float64Types(m.getParameterTypes())));
            }
            assertEquals(want, got, "Float" + name + "'s public kernels, as float64 signatures");
        }
    }

    @Test
    void everyGeneratedKernel_isItsFloat64KernelRoundedOnce() throws Exception {
        System.out.println("GeneratedFloatKernelsTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        Set<String> all = new TreeSet<>();
        long values = 0;
        for (String name : generatedFromPom()) {
            if (CHECKED_ELSEWHERE.contains(name)) {
                continue;
            }
            Class<?> twin = Class.forName("io.github.gradgraph.core.Float" + name);
            for (Method f : kernels(twin)) {
                all.add(twin.getSimpleName() + "." + f.getName());
                Method d = float64Twin(name, f);
                for (int trial = 0; trial < 30; trial++) {
                    values += compare(twin.getSimpleName() + "." + f.getName(), f, d);
                }
            }
        }
        assertEquals(all, checked, "every generated kernel needs an argument recipe in args()");
        System.out.println("generated float32 kernels checked against float64: " + checked.size() + ", " + values
                + " values");
    }

    /** Calls both kernels on the same (float-representable) arguments; @return the number of values compared */
    private long compare(String kernel, Method f, Method d) throws Exception {
        Object[] fa = args(kernel);
        Object[] da = widen(fa);
        Object fr = invoke(f, fa);
        Object dr = invoke(d, da);
        String at = kernel + " (seed " + SEED + ")";
        long n = 0;
        if (f.getReturnType() != d.getReturnType()) { // a float64 sum stays float64 (@F64)
            fail(at + " returns " + f.getReturnType() + ", its float64 kernel " + d.getReturnType());
        } else if (fr instanceof Double) {
            assertEquals((Double) dr, (Double) fr, 0.0, at);
            n++;
        } else if (fr instanceof Integer) {
            assertEquals(dr, fr, at);
            n++;
        }
        for (int i = 0; i < fa.length; i++) {
            if (fa[i] instanceof FMatrixRMaj) {
                FMatrixRMaj x = (FMatrixRMaj) fa[i];
                DMatrixRMaj y = (DMatrixRMaj) da[i];
                for (int k = 0; k < x.getNumElements(); k++, n++) {
                    float want = (float) y.data[k];
                    float tolerance = kernel.endsWith("biasGemm") && i == 6 ? gemmBound(fa, k)
                            : kernel.endsWith("softplus") && Float.isFinite(want) ? Math.ulp(want) : 0f;
                    if (tolerance == 0f) { // the same number; NaN is NaN, and ±0 alike: leaky relu's α·a underflows
                        // to −0 in float, and 0 + −0 is +0, where float64 rounds 0 + (−tiny) to −0
                        if (want != x.data[k] && !(Float.isNaN(want) && Float.isNaN(x.data[k]))) {
                            fail(at + ": argument " + i + " at " + k + ": " + x.data[k] + " vs float64 " + y.data[k]);
                        }
                    } else if (!(Math.abs(want - x.data[k]) <= tolerance)) {
                        fail(at + ": argument " + i + " at " + k + ": " + x.data[k] + " vs float64 " + y.data[k]
                                + " beyond " + tolerance);
                    }
                }
            } else if (fa[i] instanceof int[]) {
                assertTrue(Arrays.equals((int[]) fa[i], (int[]) da[i]), at + ": arg-max positions");
            }
        }
        checked.add(kernel);
        return n;
    }

    /** @return sgemm's rounding bound at C[k], over K products, the bias and the result: (K + 2)·2⁻²⁴·(Σ|αab| + |C|) */
    private static float gemmBound(Object[] a, int index) {
        float alpha = (float) a[0];
        boolean ta = (boolean) a[1];
        boolean tb = (boolean) a[2];
        FMatrixRMaj x = (FMatrixRMaj) a[3];
        FMatrixRMaj y = (FMatrixRMaj) a[4];
        FMatrixRMaj c = (FMatrixRMaj) a[6];
        int i = index / c.numCols;
        int j = index % c.numCols;
        int inner = ta ? x.numRows : x.numCols;
        double sum = Math.abs(c.data[index]);
        for (int k = 0; k < inner; k++) {
            sum += Math.abs(alpha * (ta ? x.get(k, i) : x.get(i, k)) * (tb ? y.get(j, k) : y.get(k, j)));
        }
        return (float) ((inner + 2) * 0x1p-24 * sum) + Float.MIN_NORMAL;
    }

    /** Float arguments for a kernel: valid shapes, values with the special cases, sometimes the output in place. */
    private Object[] args(String kernel) {
        int n = 1 + random.nextInt(7);
        int m = 1 + random.nextInt(random.nextInt(4) == 0 ? 1100 : 30);
        FMatrixRMaj a = matrix(n, m);
        FMatrixRMaj out = random.nextInt(4) == 0 ? a : new FMatrixRMaj(n, m);
        switch (kernel) {
            case "FloatUnaryOps.scale", "FloatUnaryOps.shift", "FloatUnaryOps.leakyRelu":
                return new Object[] {value(), a, out};
            case "FloatUnaryOps.step":
                return new Object[] {value(), value(), a, out};
            case "FloatUnaryOps.pow":
                return new Object[] {a, new double[] {2, 1.5, 3, 0.5, -1}[random.nextInt(5)], out};
            case "FloatUnaryOps.elu":
                return new Object[] {random.nextDouble() * 2, a, out};
            case "FloatBroadcastOps.add", "FloatBroadcastOps.sub", "FloatBroadcastOps.mul", "FloatBroadcastOps.div",
                    "FloatBroadcastOps.checkShapes": {
                FMatrixRMaj x = random.nextBoolean() ? a : operand(n, m);
                FMatrixRMaj y = operand(n, m);
                FMatrixRMaj z = new FMatrixRMaj(Math.max(x.numRows, y.numRows), Math.max(x.numCols, y.numCols));
                return new Object[] {x, y, x == a && random.nextBoolean() ? a : z};
            }
            case "FloatReductions.sumAll":
                return new Object[] {a};
            case "FloatReductions.sumAcrossColumns":
                return new Object[] {a, new FMatrixRMaj(n, 1)};
            case "FloatReductions.sumAcrossRows":
                return new Object[] {a, new FMatrixRMaj(1, m)};
            case "FloatReductions.maxAcrossColumns":
                return new Object[] {a, new FMatrixRMaj(n, 1), new int[n]};
            case "FloatReductions.maxAcrossRows":
                return new Object[] {a, new FMatrixRMaj(1, m), new int[m]};
            case "FloatReductions.firstArgMax": {
                int axis = random.nextInt(2);
                return new Object[] {a, axis, random.nextInt(axis == 0 ? m : n)};
            }
            case "FloatFusedOps.biasGemm": {
                int k = 1 + random.nextInt(20);
                boolean ta = random.nextBoolean();
                boolean tb = random.nextBoolean();
                return new Object[] {(float) random.nextGaussian(), ta, tb, finite(ta ? k : n, ta ? n : k),
                    finite(tb ? m : k, tb ? k : m), finite(operand(n, m)), new FMatrixRMaj(n, m)};
            }
            case "FloatFusedOps.stepProduct":
                return new Object[] {value(), value(), a, matrix(n, m), out};
            case "FloatFusedOps.broadcastInto":
                return new Object[] {operand(n, m), new FMatrixRMaj(n, m)};
            default:
                if (kernel.startsWith("FloatUnaryOps.")) {
                    return new Object[] {a, out};
                }
                throw new AssertionError("no argument recipe for " + kernel);
        }
    }

    private float value() {
        switch (random.nextInt(24)) {
            case 0: return Float.NaN;
            case 1: return Float.POSITIVE_INFINITY;
            case 2: return Float.NEGATIVE_INFINITY;
            case 3: return 0f;
            case 4: return -0f;
            case 5: return Float.MIN_VALUE * random.nextInt(1 << 20);
            case 6: return Float.intBitsToFloat(random.nextInt());
            default: return (float) Math.scalb(random.nextGaussian(), 2 * random.nextInt(9) - 8);
        }
    }

    /** @return an operand that broadcasts to n×m: of that shape, a column, a row or a scalar */
    private FMatrixRMaj operand(int n, int m) {
        int shape = random.nextInt(4);
        return matrix(shape % 2 == 0 ? n : 1, shape < 2 ? m : 1);
    }

    private FMatrixRMaj matrix(int rows, int cols) {
        FMatrixRMaj a = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = value();
        }
        return a;
    }

    private FMatrixRMaj finite(int rows, int cols) {
        return finite(new FMatrixRMaj(rows, cols));
    }

    private FMatrixRMaj finite(FMatrixRMaj a) {
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = (float) random.nextGaussian();
        }
        return a;
    }

    /** The same arguments in float64: each matrix widened (an output that aliases an input still does), floats too. */
    private static Object[] widen(Object[] fa) {
        Map<Object, DMatrixRMaj> widened = new IdentityHashMap<>();
        Object[] da = new Object[fa.length];
        for (int i = 0; i < fa.length; i++) {
            if (fa[i] instanceof FMatrixRMaj) {
                da[i] = widened.computeIfAbsent(fa[i], x -> {
                    FMatrixRMaj f = (FMatrixRMaj) x;
                    DMatrixRMaj d = new DMatrixRMaj(f.numRows, f.numCols);
                    for (int k = 0; k < f.getNumElements(); k++) {
                        d.data[k] = f.data[k];
                    }
                    return d;
                });
            } else if (fa[i] instanceof Float) {
                da[i] = (double) (Float) fa[i];
            } else if (fa[i] instanceof int[]) {
                da[i] = ((int[]) fa[i]).clone();
            } else {
                da[i] = fa[i];
            }
        }
        return da;
    }

    private static Object invoke(Method m, Object[] args) throws Exception {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m.getDeclaringClass().getSimpleName() + "." + m.getName(), e.getCause());
        }
    }

    private static List<Class<?>> sources(String name) throws ClassNotFoundException {
        List<Class<?>> sources = new ArrayList<>(List.of(Class.forName("io.github.gradgraph.core." + name)));
        if (ALSO_MIRRORED.containsKey(name)) {
            sources.add(ALSO_MIRRORED.get(name));
        }
        return sources;
    }

    /** @return the float64 kernel a float32 one mirrors: float and FMatrixRMaj read as double and DMatrixRMaj */
    private static Method float64Twin(String name, Method f) throws ClassNotFoundException {
        for (Class<?> source : sources(name)) {
            try {
                return source.getMethod(f.getName(), float64Types(f.getParameterTypes()));
            } catch (NoSuchMethodException e) {
                // try the next source
            }
        }
        throw new AssertionError("no float64 kernel for Float" + name + "." + f.getName());
    }

    private static Class<?>[] float64Types(Class<?>[] types) {
        Class<?>[] mapped = types.clone();
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = mapped[i] == FMatrixRMaj.class ? DMatrixRMaj.class : mapped[i] == float.class ? double.class
                    : mapped[i];
        }
        return mapped;
    }

    /** @return the public static methods callers see on {@code c}, inherited ones included */
    private static List<Method> kernels(Class<?> c) {
        List<Method> kernels = new ArrayList<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) {
                kernels.add(m);
            }
        }
        return kernels;
    }
}
