package io.github.gradgraph.nn.data;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the {@code .npy} reader (Jazzer): any bytes give an array whose size matches its shape,
 * or a {@link DataException} naming the source — never another exception. Replays the committed inputs in
 * {@code mvn verify}; {@code JAZZER_FUZZ=1 mvn test -pl nn -Dtest=NumpyFuzzTest} fuzzes.
 */
class NumpyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse_givesAnArrayOrADataError(byte[] input) {
        try {
            NumericArray a = Npy.parse("fuzz.npy", input);
            long n = 1;
            for (int d : a.shape()) {
                n *= d;
            }
            if (n != a.values().length) {
                throw new AssertionError("shape " + a.shapeText() + " with " + a.values().length + " values");
            }
        } catch (DataException e) {
            if (!e.getMessage().startsWith("fuzz.npy")) {
                throw new AssertionError("the message does not name the source: " + e.getMessage(), e);
            }
        }
    }
}
