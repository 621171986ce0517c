package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * derive and eval on convolution and pooling formulas: derive prints dW, db and dA[l−1] of a conv layer in the seed's
 * notation; eval's gradients equal the course's step-by-step loops (conv_backward, pool_backward) run over arrays in
 * gradgraph's layout; a hostile size is one positioned line and exit 2.
 */
class ImageFormulaCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void derive_convLayer_printsTheSeedsLines() {
        CliTest.Run r = CliTest.run("derive", "--expr", "Z1 = conv2d(A0, W1, b1, image=[5,7,4], f=3, stride=2, pad=1)"
                + "; J = sum(Z1)", "--shape", "A0=140xm", "--shape", "W1=2x36", "--shape", "b1=2x1");
        assertEquals(0, r.code(), r.err());
        assertEquals("Z[1] = conv2d(A[0], W[1], b[1], image=[5,7,4], f=3, stride=2, pad=1)\nJ = Σ Z[1]\n\n"
                + "dZ[1] = 1\ndA[0] = conv2dᵀ(dZ[1], W[1])\ndW[1] = conv2d_dW(A[0], dZ[1])\n"
                + "db[1] = channel_sum(dZ[1])\n", r.out());
    }

    @Test
    void derive_hugeImage_isOnePositionedLineAndExitTwo() {
        CliTest.Run r = CliTest.run("derive", "--expr", "J = sum(maxpool(A, image=[100000,100000,3], f=2))");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals("gradgraph: line 1, column 26: image=[100000,100000,3] has 30000000000 values per image, more "
                + "than 2³¹ − 1", r.err().lines().findFirst().orElseThrow().replaceAll(" \\(see .*\\)$", ""));
        CliTest.Run shape = CliTest.run("derive", "--expr", "J = sum(conv2d(A, W, image=[5,7,4], f=3))");
        assertEquals(Main.BAD_INPUT, shape.code(), shape.err());
        assertTrue(shape.err().startsWith("gradgraph: line 1, column 9: conv2d over A (1×m): 5×7×4 images need 140 "
                + "rows"), shape.err());
    }

    /** m images of H×W×C as (m, H, W, C) arrays, filled at random. */
    private static double[][][][] images(Random r, int m, int h, int w, int c) {
        double[][][][] a = new double[m][h][w][c];
        for (double[][][] i : a) {
            for (double[][] row : i) {
                for (double[] px : row) {
                    for (int k = 0; k < c; k++) {
                        px[k] = r.nextGaussian();
                    }
                }
            }
        }
        return a;
    }

    /** @return numpy's {@code A.reshape(m, -1).T}: one column per image, row ((h·W) + w)·C + c */
    private static ArrayNode columns(double[][][][] a) {
        int h = a[0].length;
        int w = a[0][0].length;
        int c = a[0][0][0].length;
        ArrayNode rows = JSON.createArrayNode();
        for (int p = 0; p < h; p++) {
            for (int q = 0; q < w; q++) {
                for (int k = 0; k < c; k++) {
                    ArrayNode row = rows.addArray();
                    for (double[][][] image : a) {
                        row.add(image[p][q][k]);
                    }
                }
            }
        }
        return rows;
    }

    private JsonNode eval(ObjectNode request) throws IOException {
        Path file = Files.writeString(dir.resolve("req.json"), request.toString());
        CliTest.Run r = CliTest.run("eval", "--json", file.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        return JSON.readTree(r.lastLine()).get("gradients");
    }

    private static void close(double expected, JsonNode got, String what) {
        assertEquals(expected, got.asDouble(), 1e-12, what);
    }

    @Test
    void eval_convGradients_equalTheCoursesConvBackwardLoops() throws IOException {
        int m = 2;
        int h = 5;
        int w = 7;
        int c = 4;
        int f = 3;
        int filters = 2;
        int stride = 2;
        int pad = 1;
        int oh = (h + 2 * pad - f) / stride + 1;
        int ow = (w + 2 * pad - f) / stride + 1;
        Random r = new Random(27);
        double[][][][] a = images(r, m, h, w, c);
        double[][][][] kernel = images(r, f, f, c, filters); // (f, f, C_in, C_out) as the course has it
        double[] bias = {r.nextGaussian(), r.nextGaussian()};
        double[][][][] dz = images(r, m, oh, ow, filters);
        double[][][][] da = new double[m][h][w][c];
        double[][][][] dw = new double[f][f][c][filters];
        double[] db = new double[filters];
        for (int i = 0; i < m; i++) { // conv_backward's loops, over the padded image
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    for (int o = 0; o < filters; o++) {
                        double g = dz[i][y][x][o];
                        db[o] += g;
                        for (int p = 0; p < f; p++) {
                            for (int q = 0; q < f; q++) {
                                int row = y * stride + p - pad;
                                int col = x * stride + q - pad;
                                if (row < 0 || row >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                for (int k = 0; k < c; k++) {
                                    da[i][row][col][k] += kernel[p][q][k][o] * g;
                                    dw[p][q][k][o] += a[i][row][col][k] * g;
                                }
                            }
                        }
                    }
                }
            }
        }
        ObjectNode req = JSON.createObjectNode();
        req.put("expr", "J = sum(conv2d(A0, W1, b1, image=[5,7,4], f=3, stride=2, pad=1) * dZ1)");
        ObjectNode in = req.putObject("inputs");
        in.set("A0", columns(a));
        ArrayNode weights = in.putArray("W1"); // W.reshape(f*f*C_in, C_out).T
        for (int o = 0; o < filters; o++) {
            ArrayNode row = weights.addArray();
            for (int p = 0; p < f; p++) {
                for (int q = 0; q < f; q++) {
                    for (int k = 0; k < c; k++) {
                        row.add(kernel[p][q][k][o]);
                    }
                }
            }
        }
        ArrayNode b = in.putArray("b1");
        for (double v : bias) {
            b.addArray().add(v);
        }
        in.set("dZ1", columns(dz));
        req.putArray("wrt").add("A0").add("W1").add("b1");
        JsonNode g = eval(req);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < h; p++) {
                for (int q = 0; q < w; q++) {
                    for (int k = 0; k < c; k++) {
                        close(da[i][p][q][k], g.get("A0").get((p * w + q) * c + k).get(i), "dA");
                    }
                }
            }
        }
        for (int o = 0; o < filters; o++) {
            close(db[o], g.get("b1").get(o).get(0), "db");
            for (int p = 0; p < f; p++) {
                for (int q = 0; q < f; q++) {
                    for (int k = 0; k < c; k++) {
                        close(dw[p][q][k][o], g.get("W1").get(o).get((p * f + q) * c + k), "dW");
                    }
                }
            }
        }
    }

    @Test
    void eval_poolGradients_equalTheCoursesPoolBackwardLoops() throws IOException {
        int m = 2;
        int n = 5;
        int c = 3;
        int f = 2;
        int o = n - f + 1; // stride 1
        Random r = new Random(28);
        double[][][][] a = images(r, m, n, n, c);
        double[][][][] dp = images(r, m, o, o, c);
        for (String mode : new String[] {"max", "avg"}) {
            double[][][][] da = new double[m][n][n][c];
            for (int i = 0; i < m; i++) { // pool_backward's loops: the mask of the window's maximum, or an even share
                for (int y = 0; y < o; y++) {
                    for (int x = 0; x < o; x++) {
                        for (int k = 0; k < c; k++) {
                            double max = Double.NEGATIVE_INFINITY;
                            for (int p = 0; p < f; p++) {
                                for (int q = 0; q < f; q++) {
                                    max = Math.max(max, a[i][y + p][x + q][k]);
                                }
                            }
                            for (int p = 0; p < f; p++) {
                                for (int q = 0; q < f; q++) {
                                    da[i][y + p][x + q][k] += mode.equals("max")
                                            ? (a[i][y + p][x + q][k] == max ? dp[i][y][x][k] : 0)
                                            : dp[i][y][x][k] / (f * f);
                                }
                            }
                        }
                    }
                }
            }
            ObjectNode req = JSON.createObjectNode();
            req.put("expr", "J = sum(" + mode + "pool(A, image=[5,5,3], f=2, stride=1) * dP)");
            req.putObject("inputs").set("A", columns(a));
            ((ObjectNode) req.get("inputs")).set("dP", columns(dp));
            req.putArray("wrt").add("A");
            JsonNode g = eval(req).get("A");
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < n; p++) {
                    for (int q = 0; q < n; q++) {
                        for (int k = 0; k < c; k++) {
                            close(da[i][p][q][k], g.get((p * n + q) * c + k).get(i), mode + "pool dA");
                        }
                    }
                }
            }
        }
    }
}
