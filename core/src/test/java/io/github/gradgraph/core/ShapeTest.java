package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void broadcast_followsNumpyInTwoDimensions() {
        assertEquals(Shape.of(3, Dim.M), Shape.broadcast(Shape.of(3, Dim.M), Shape.of(3, 1)));
        assertEquals(Shape.of(3, Dim.M), Shape.broadcast(Shape.of(1, Dim.M), Shape.of(3, Dim.M)));
        assertEquals(Shape.of(3, 4), Shape.broadcast(Shape.of(3, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(3, Dim.M), Shape.broadcast(Shape.SCALAR, Shape.of(3, Dim.M)));
    }

    @Test
    void broadcast_symbolicBatchEqualsOnlyItself() {
        assertNull(Shape.broadcast(Shape.of(3, Dim.M), Shape.of(3, 4)));
        assertNull(Shape.broadcast(Shape.of(3, 2), Shape.of(4, 2)));
    }

    @Test
    void dim_rejectsZeroAndNegativeSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dim.of(0));
        assertEquals("a dimension must be at least 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dim.of(-3));
    }

    @Test
    void resolve_bindsTheBatchDimension() {
        Shape s = Shape.of(5, Dim.M);
        assertEquals(5, s.rows(17));
        assertEquals(17, s.cols(17));
        assertEquals("5×m", s.toString());
        assertTrue(Shape.of(2, 3).isFixed());
        assertThrows(IllegalStateException.class, () -> Dim.M.size());
    }
}
