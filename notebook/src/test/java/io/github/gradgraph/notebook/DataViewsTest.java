package io.github.gradgraph.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DataViewsTest {
    /** m pictures of 28×28 in 0…1, class k a bright square at row k, so each picture says which it is. */
    static Dataset pictures(int m) {
        DMatrixRMaj x = new DMatrixRMaj(784, m);
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            labels[j] = j % 10;
            for (int r = 2 * labels[j]; r < 2 * labels[j] + 4; r++) {
                for (int c = 10; c < 18; c++) {
                    x.set(r * 28 + c, j, 1.0);
                }
            }
        }
        return new Dataset("pictures", x, labels, FashionMnist.CLASSES);
    }

    @Test
    void scatter_pngAndSvgOfTheTwoFeatures() {
        Dataset moons = Datasets.moons(60, 0.2, 4);
        Rich r = Show.of(moons);
        assertEquals(Set.of(Rich.HTML, Rich.PNG, Rich.SVG, Rich.PLAIN), r.bundle().keySet());
        BufferedImage png = Fixtures.png(r.get(Rich.PNG));
        assertEquals(DataViews.WIDTH, png.getWidth());
        assertEquals(DataViews.HEIGHT, png.getHeight());
        assertEquals("svg", Fixtures.xml(r.get(Rich.SVG)).getDocumentElement().getLocalName());
        assertTrue(r.plain().startsWith(moons.name() + ": 60 samples × 2 features, 2 classes"), r.plain());
        Rich again = Show.scatter(moons);
        assertEquals(r.get(Rich.PNG), again.get(Rich.PNG));
        assertEquals(r.get(Rich.SVG), again.get(Rich.SVG), "the same data, the same SVG bytes");
    }

    @Test
    void scatter_oneFeatureIsAnError() {
        Dataset one = new Dataset("one", new DMatrixRMaj(1, 2), new int[] {0, 1}, List.of("a", "b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Show.scatter(one)).getMessage()
                .contains("1 feature"));
    }

    @Test
    void images_gridOfTheFirstCountPicturesEnlarged() {
        Dataset d = pictures(30);
        Rich r = Show.images(d, 12);
        assertEquals(Set.of(Rich.PNG, Rich.PLAIN), r.bundle().keySet());
        BufferedImage grid = Fixtures.png(r.get(Rich.PNG));
        int cell = 28 * ImageGrid.cellScale(28);
        assertEquals(56, cell);
        assertEquals(10 * (cell + ImageGrid.GAP) + ImageGrid.GAP, grid.getWidth()); // 10 a row
        assertEquals(2 * (cell + ImageGrid.LABEL_HEIGHT + ImageGrid.GAP) + ImageGrid.GAP, grid.getHeight());
        // picture 3 (class Dress) is bright at its rows 6…9, columns 10…17, dark elsewhere
        int left = ImageGrid.GAP + 3 * (cell + ImageGrid.GAP);
        int top = ImageGrid.GAP;
        assertEquals(0xffffff, grid.getRGB(left + 2 * 12, top + 2 * 7) & 0xffffff);
        assertEquals(0x000000, grid.getRGB(left + 2 * 12, top + 2 * 20) & 0xffffff);
        assertTrue(r.plain().contains("first 12: T-shirt/top, Trouser, Pullover, Dress"), r.plain());
    }

    @Test
    void images_columnsThatAreNoPicturesAreAnError() {
        Dataset d = new Dataset("five", new DMatrixRMaj(5, 1), new int[] {0}, List.of("a"));
        assertThrows(IllegalArgumentException.class, () -> Show.images(d, 1));
        assertEquals(Set.of(Rich.PLAIN), Show.of(d).bundle().keySet());
    }

    @Test
    void of_imageDataSetShowsItsFirstPictures() {
        Rich r = Show.of(pictures(50));
        assertTrue(r.plain().contains("first 40:"), r.plain());
        BufferedImage rgb = Fixtures.png(Show.images(new Dataset("rgb", new DMatrixRMaj(3 * 16 * 16, 2),
                new int[] {0, 1}, List.of("a", "b")), 2).get(Rich.PNG));
        assertEquals(2 * (16 * ImageGrid.cellScale(16) + ImageGrid.GAP) + ImageGrid.GAP, rgb.getWidth());
    }
}
