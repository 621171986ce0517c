package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String error(Path file, String label) {
        return assertThrows(DataException.class, () -> CsvData.load(file, label)).getMessage();
    }

    @Test
    void load_headerNamedLabel_andClassesInSortedOrder() throws IOException {
        Path f = csv("iris.csv", "x1,species,x2\n1.5,virginica,2\n0.5,setosa,-1\n2,virginica,3\n");
        Dataset d = CsvData.load(f, "species");
        assertEquals(2, d.features());
        assertEquals(3, d.size());
        assertEquals(List.of("setosa", "virginica"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        assertEquals(-1.0, d.x().get(1, 1), 0.0);
    }

    @Test
    void load_withoutHeader_defaultsToTheLastColumn() throws IOException {
        Path f = csv("plain.csv", "1,2,0\n3,4,1\n5,6,1.0\n");
        Dataset d = CsvData.load(f, null);
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        assertEquals(List.of("0", "1"), d.classNames());
        assertEquals(Dataset.class, CsvData.load(f, "2").getClass());
    }

    @Test
    void errors_nameFileLineAndColumn() throws IOException {
        Path ragged = csv("ragged.csv", "a,b,y\n1,2,0\n3,1\n");
        assertEquals(ragged + " line 3: expected 3 columns, found 2", error(ragged, "y"));
        Path text = csv("text.csv", "a,b,y\n1,2,0\n3,abc,1\n");
        assertEquals(text + " line 3, column 2 ('b'): 'abc' is not a finite number", error(text, "y"));
        Path nan = csv("nan.csv", "a,b,y\n1,NaN,0\n");
        assertEquals(nan + " line 2, column 2 ('b'): 'NaN' is not a finite number", error(nan, "y"));
        Path noLabel = csv("nolabel.csv", "a,b,y\n1,2,0\n");
        assertEquals(noLabel + ": no label column 'label' (columns: a, b, y)", error(noLabel, "label"));
        Path empty = csv("empty.csv", "");
        assertEquals(empty + " is empty", error(empty, null));
        Path headerOnly = csv("header.csv", "a,b,y\n");
        assertEquals(headerOnly + " has a header but no data rows", error(headerOnly, null));
        assertEquals(dir.resolve("absent.csv") + ": no such file", error(dir.resolve("absent.csv"), null));
    }
}
