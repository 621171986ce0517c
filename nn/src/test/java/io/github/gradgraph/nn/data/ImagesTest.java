package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures as one column, channels-last: RGB order, luma, a grey file's own values, and the refusals. */
class ImagesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** 2 rows × 3 columns: pixel (h, w) is red 10h + w, green 100 + w, blue 200 + h. */
    private Path rgb() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 3; w++) {
                image.setRGB(w, h, (10 * h + w) << 16 | (100 + w) << 8 | (200 + h));
            }
        }
        Path f = tmp.resolve("rgb.png");
        ImageIO.write(image, "png", f.toFile());
        return f;
    }

    @Test
    void rgb_channelsLast_rowMajor() throws IOException {
        DMatrixRMaj x = Images.read(rgb(), 2, 3, 3);
        assertEquals(18, x.numRows);
        assertEquals(1, x.numCols);
        int h = 1;
        int w = 2;
        assertEquals(10 * h + w, x.get((h * 3 + w) * 3, 0), 0.0);
        assertEquals(100 + w, x.get((h * 3 + w) * 3 + 1, 0), 0.0);
        assertEquals(200 + h, x.get((h * 3 + w) * 3 + 2, 0), 0.0);
    }

    @Test
    void oneChannel_isTheLuma_andAVectorModelChoosesGreyOrRgbBySize() throws IOException {
        Path f = rgb();
        DMatrixRMaj y = Images.read(f, 2, 3, 1);
        assertEquals((299 * 12 + 587 * 102 + 114 * 201) / 1000.0, y.get(5, 0), 1e-12); // h 1, w 2
        assertArrayEquals(y.data, Images.readAs(f, 6).data, 0.0);
        assertArrayEquals(Images.read(f, 2, 3, 3).data, Images.readAs(f, 18).data, 0.0);
        DataException e = assertThrows(DataException.class, () -> Images.readAs(f, 7));
        assertTrue(e.getMessage().contains("is 2×3 (height × width) (6 pixels: 6 grey or 18 RGB values) but the "
                + "model takes 7 features"), e.getMessage());
    }

    @Test
    void greyFiles_keepTheirValues_sixteenBitsScaledTo255() throws IOException {
        BufferedImage g16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 65535);
        g16.getRaster().setSample(1, 0, 0, 257 * 7);
        Path f = tmp.resolve("g16.png");
        ImageIO.write(g16, "png", f.toFile());
        DMatrixRMaj x = Images.read(f, 1, 2, 1);
        assertEquals(255, x.get(0, 0), 1e-12);
        assertEquals(7, x.get(1, 0), 1e-12);
    }

    @Test
    void refusals_nameTheFileAndBothSizes() throws IOException {
        Path f = rgb();
        DataException size = assertThrows(DataException.class, () -> Images.read(f, 28, 28, 1));
        assertTrue(size.getMessage().contains("rgb.png is 2×3 (height × width) but the model takes 28×28×1 images"),
                size.getMessage());
        DataException channels = assertThrows(DataException.class, () -> Images.read(f, 2, 3, 4));
        assertTrue(channels.getMessage().contains("images of 4 channels"), channels.getMessage());
        Path text = tmp.resolve("not.png");
        Files.writeString(text, "hello");
        DataException notPicture = assertThrows(DataException.class, () -> Images.read(text, 2, 3, 1));
        assertTrue(notPicture.getMessage().contains("not a picture javax.imageio can read"), notPicture.getMessage());
        assertTrue(Images.isImageName("A.JPEG") && Images.isImageName("b.gif") && !Images.isImageName("c.png.gz"));
    }
}
