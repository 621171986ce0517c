package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A separate test file means the training data's classes, matched by name, whatever subset or order it has. */
class DatasetClassesTest {
    private static Dataset of(String name, List<String> classes, int... labels) {
        return new Dataset(name, new DMatrixRMaj(1, labels.length), labels, classes);
    }

    @Test
    void aTestFileWithFewerClasses_keepsTheTrainingIndices() {
        Dataset train = of("train.csv", List.of("cat", "dog", "fox"), 0, 1, 2);
        Dataset test = of("test.csv", List.of("dog", "fox"), 0, 1, 1); // its own sorted classes: dog=0, fox=1
        Dataset mapped = test.withClassesOf(train);
        assertArrayEquals(new int[] {1, 2, 2}, mapped.labels());
        assertEquals(train.classNames(), mapped.classNames());
    }

    @Test
    void aClassTheTrainingDataLacks_isNamed() {
        Dataset train = of("train.csv", List.of("0", "1"), 0, 1);
        Dataset test = of("test.npy", List.of("0", "1", "2"), 0, 2);
        DataException e = assertThrows(DataException.class, () -> test.withClassesOf(train));
        assertTrue(e.getMessage().contains("test.npy has class '2', which train.csv does not have (its classes: 0, 1)"),
                e.getMessage());
    }
}
