package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The xor quadrants: balanced, labelled by the quadrant, and reproducible from the seed. */
class XorDataTest {
    @Test
    void noiselessPoints_areLabelledByTheirQuadrant_andTheClassesAreBalanced() {
        Dataset d = Datasets.xor(2000, 0, 4);
        int ones = 0;
        for (int i = 0; i < d.size(); i++) {
            double a = d.x().get(0, i);
            double b = d.x().get(1, i);
            assertTrue(Math.abs(a) >= 0.05 && Math.abs(a) <= 1.05 && Math.abs(b) >= 0.05, "point " + i);
            assertEquals((a > 0) != (b > 0) ? 1 : 0, d.labels()[i], "point " + i);
            ones += d.labels()[i];
        }
        assertTrue(ones > 900 && ones < 1100, "class 1 has " + ones + " of 2000");
    }

    @Test
    void theBuiltInSet_isReproducible_andNamed() {
        Dataset a = Datasets.builtIn("xor", 7);
        Dataset b = Datasets.builtIn("XOR", 7);
        assertEquals("xor", a.name());
        assertEquals(400, a.size());
        assertTrue(java.util.Arrays.equals(a.x().data, b.x().data));
        assertTrue(!java.util.Arrays.equals(a.x().data, Datasets.builtIn("xor", 8).x().data));
    }
}
