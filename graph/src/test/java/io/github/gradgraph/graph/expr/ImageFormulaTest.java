package io.github.gradgraph.graph.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.ops.AvgPool2d;
import io.github.gradgraph.graph.ops.Conv2d;
import io.github.gradgraph.graph.ops.ImageOps;
import io.github.gradgraph.graph.ops.MaxPool2d;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The image functions of the formula language: conv2d, maxpool and avgpool with keyword arguments. Each form builds
 * the node ImageOps builds (same op, same operands, same values); each mistake is refused at its column with a
 * message that names it; hostile sizes are refused before any geometry or buffer is made.
 */
class ImageFormulaTest {
    /** A 5×7×4 image batch of 3, 2 filters of 3×3×4, their bias, and a 5×5×3 batch for pooling. */
    private static final Map<String, Shape> SHAPES = Map.of("A", Shape.of(140, Dim.M), "W", Shape.of(2, 36),
            "b", Shape.of(2, 1), "P", Shape.of(75, Dim.M));

    private static Node parse(String src) {
        return FormulaParser.parse(src, SHAPES, Shape.of(1, Dim.M)).result();
    }

    private static String refused(String src) {
        return assertThrows(ExpressionException.class, () -> parse(src)).getMessage();
    }

    private static Map<String, DMatrixRMaj> feeds(Random r) {
        Map<String, DMatrixRMaj> feeds = new LinkedHashMap<>();
        SHAPES.forEach((name, s) -> {
            DMatrixRMaj m = new DMatrixRMaj(s.rows().size(), s.cols().isSymbolic() ? 3 : s.cols().size());
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = r.nextGaussian();
            }
            feeds.put(name, m);
        });
        return feeds;
    }

    /** Asserts that the formula builds ImageOps's node: the same primitive (geometry and all) and the same values. */
    private static void sameAs(String src, Function<Map<String, Node>, Node> built) {
        Node parsed = parse(src);
        Graph g = new Graph();
        Map<String, Node> in = new LinkedHashMap<>();
        SHAPES.forEach((name, s) -> in.put(name, g.input(name, s)));
        Node expected = built.apply(in);
        assertEquals(expected.op(), parsed.op(), src);
        Function<Node, String> operand = x -> x.inputs().isEmpty() ? x.label() : x.op().toString();
        assertEquals(expected.inputs().stream().map(operand).toList(), parsed.inputs().stream().map(operand).toList(),
                src);
        Map<String, DMatrixRMaj> feeds = feeds(new Random(27));
        feeds.keySet().retainAll(io.github.gradgraph.graph.Ancestors.of(java.util.List.of(expected)).stream()
                .filter(x -> x.inputs().isEmpty()).map(Node::label).toList());
        DMatrixRMaj want = Compiler.compile(expected).run(feeds).get(expected);
        DMatrixRMaj got = Compiler.compile(parsed).run(feeds).get(parsed);
        assertArrayEquals(want.data, got.data, src);
    }

    @Test
    void conv2d_keywordForms_buildImageOpsNodes() {
        sameAs("conv2d(A, W, b, image=[5,7,4], f=3, stride=2, pad=1)",
                n -> ImageOps.conv2d(n.get("A"), n.get("W"), n.get("b"), ConvGeometry.of(5, 7, 4, 3, 2, 1)));
        sameAs("conv2d(A, W, image=[5,7,4], f=3)", // no bias, stride 1, no padding
                n -> ImageOps.conv2d(n.get("A"), n.get("W"), null, ConvGeometry.of(5, 7, 4, 3, 1, 0)));
        sameAs("conv2d(A, W, b, f=3, image=[5, 7, 4], pad=same, stride=2)", // any keyword order, spaces
                n -> ImageOps.conv2d(n.get("A"), n.get("W"), n.get("b"), ConvGeometry.same(5, 7, 4, 3, 2)));
        sameAs("conv2d(A, W, b, image=[5,7,4], f=3, pad=[0,1,2,1])",
                n -> ImageOps.conv2d(n.get("A"), n.get("W"), n.get("b"), new ConvGeometry(5, 7, 4, 3, 1, 0, 1, 2, 1)));
        sameAs("conv2d(2 * A, W, b, image=[5,7,4], f=3)",
                n -> ImageOps.conv2d(io.github.gradgraph.graph.ops.Ops.scale(n.get("A"), 2), n.get("W"), n.get("b"),
                        ConvGeometry.of(5, 7, 4, 3, 1, 0)));
    }

    @Test
    void pooling_keywordForms_buildImageOpsNodes_strideDefaultingToTheWindow() {
        sameAs("maxpool(P, image=[5,5,3], f=3, stride=1)",
                n -> ImageOps.maxPool(n.get("P"), ConvGeometry.of(5, 5, 3, 3, 1, 0)));
        sameAs("maxpool(P, image=[5,5,3], f=2)",
                n -> ImageOps.maxPool(n.get("P"), ConvGeometry.of(5, 5, 3, 2, 2, 0)));
        sameAs("avgpool(P, image=[5,5,3], f=3, stride=2)",
                n -> ImageOps.avgPool(n.get("P"), ConvGeometry.of(5, 5, 3, 3, 2, 0)));
        sameAs("avgpool(P, image=[5,5,3], f=2, pad=same)",
                n -> ImageOps.avgPool(n.get("P"), ConvGeometry.same(5, 5, 3, 2, 2)));
        sameAs("maxpool(P, image=[5,5,3], f=3, stride=1, pad=1)",
                n -> ImageOps.maxPool(n.get("P"), ConvGeometry.of(5, 5, 3, 3, 1, 1)));
    }

    @Test
    void imageCalls_nestAndSpanLines_insideAFormula() {
        Formula f = FormulaParser.parse("Z1 = conv2d(A, W, b,\n    image=[5,\n7,4], f=3, pad=1)\nA1 = relu(Z1)\n"
                + "P1 = maxpool(A1, image=[5,7,2], f=2)\nJ = mean(sum(P1, 0))", SHAPES, Shape.of(1, Dim.M));
        assertEquals(new Conv2d(ConvGeometry.of(5, 7, 4, 3, 1, 1), true), f.node("Z1").op());
        assertEquals(new MaxPool2d(ConvGeometry.of(5, 7, 2, 2, 2, 0)), f.node("P1").op());
        assertEquals(Shape.of(12, Dim.M), f.node("P1").shape()); // 2×3 positions × 2 channels
        assertEquals(4, f.statements().size());
        assertEquals(new AvgPool2d(ConvGeometry.of(1, 1, 2, 1, 1, 0)),
                parse("avgpool(avgpool(maxpool(b, image=[1,1,2], f=1), image=[1,1,2], f=1), image=[1,1,2], f=1)")
                        .op());
    }

    @Test
    void keywords_mistakes_areRefusedAtTheirColumn() {
        assertEquals("line 1, column 37: unknown keyword 'strides' for conv2d; its keywords are image, f, stride, pad",
                refused("conv2d(A, W, b, image=[5,7,4], f=3, strides=2)"));
        assertEquals("line 1, column 1: conv2d needs image=[H,W,C], the height, width and channels of its input images",
                refused("conv2d(A, W, b, f=3)"));
        assertEquals("line 1, column 5: maxpool needs f=…, the side of its square window",
                refused("2 * maxpool(P, image=[5,5,3])"));
        assertEquals("line 1, column 34: keyword 'f' given twice", refused("conv2d(A, W, image=[5,7,4], f=3, f=3)"));
        assertEquals("line 1, column 8: exp takes no keyword arguments, got 'image='",
                refused("exp(A, image=[5,7,4])"));
        assertEquals("line 1, column 5: sum takes no keyword arguments, got 'axis='", refused("sum(axis=0)"));
        assertEquals("line 1, column 8: sum takes no keyword arguments, got 'axis='", refused("sum(A, axis=0)"));
        assertEquals("line 1, column 34: a positional argument cannot follow keyword arguments in conv2d: image=, f=, "
                + "stride=, pad= but found 'A'", refused("conv2d(A, W, image=[5,7,4], f=3, A)"));
        assertEquals("line 1, column 17: conv2d takes the images, the filters and an optional bias before its "
                + "keywords", refused("conv2d(A, W, b, A, image=[5,7,4], f=3)"));
        assertEquals("line 1, column 29: conv2d needs the images and the filters, conv2d(A, W, image=[H,W,C], f=…)",
                refused("conv2d(A, image=[5,7,4], f=3)"));
        assertEquals("line 1, column 13: expected an argument or a keyword after ',' in conv2d",
                refused("conv2d(A, W,)"));
        assertEquals("line 1, column 33: expected a keyword after ',' in conv2d: image=, f=, stride=, pad= but found "
                + "')'", refused("conv2d(A, W, image=[5,7,4], f=3,)"));
    }

    @Test
    void keywordValues_ofTheWrongKindOrSize_areRefusedAtTheValue() {
        assertEquals("line 1, column 20: image= takes [height,width,channels], not a whole number",
                refused("conv2d(A, W, image=5, f=3)"));
        assertEquals("line 1, column 20: image= takes [height,width,channels], got 2 numbers",
                refused("conv2d(A, W, image=[5,7], f=3)"));
        assertEquals("line 1, column 31: f= takes a whole number, not 'same'",
                refused("conv2d(A, W, image=[5,7,4], f=same)"));
        assertEquals("line 1, column 31: f= takes a whole number, not a list",
                refused("conv2d(A, W, image=[5,7,4], f=[3])"));
        assertEquals("line 1, column 31: f= takes whole numbers, got 2.5",
                refused("conv2d(A, W, image=[5,7,4], f=2.5)"));
        assertEquals("line 1, column 31: f= takes whole numbers, got 3e2",
                refused("conv2d(A, W, image=[5,7,4], f=3e2)"));
        assertEquals("line 1, column 20: image=[5,0,4]: sizes are at least 1",
                refused("conv2d(A, W, image=[5,0,4], f=3)"));
        assertEquals("line 1, column 31: f=0: must be at least 1", refused("conv2d(A, W, image=[5,7,4], f=0)"));
        assertEquals("line 1, column 41: stride=0: must be at least 1",
                refused("conv2d(A, W, image=[5,7,4], f=3, stride=0)"));
        assertEquals("line 1, column 38: the value of pad= must be a whole number, 'same' or a list such as [5,7,4], "
                + "but found '-'", refused("conv2d(A, W, image=[5,7,4], f=3, pad=-1)"));
        assertEquals("line 1, column 38: pad= takes a whole number, same or [top,left,bottom,right], got a list of 2",
                refused("conv2d(A, W, image=[5,7,4], f=3, pad=[1,2])"));
        assertEquals("line 1, column 25: expected ',' or ']' in the list of image= but found '4'",
                refused("conv2d(A, W, image=[5,7 4], f=3)"));
        assertEquals("line 1, column 28: expected a whole number in the list of image= but found 'f'",
                refused("conv2d(A, W, image=[5,7,4, f=3)"));
        assertEquals("line 1, column 36: pad=2 is more than half the 3×3 window: pooling pads at most 1 so that every "
                + "window holds a pixel of the image", refused("maxpool(P, image=[5,5,3], f=3, pad=2)"));
    }

    @Test
    void geometriesThatDoNotFit_areRefusedNamingTheCall() {
        assertEquals("line 1, column 1: conv2d with image=[5,7,4], f=9: a 9×9 window does not fit in a 5×7 image",
                refused("conv2d(A, W, image=[5,7,4], f=9)"));
        // a convolution may pad wider than its filter (PyTorch and the older course do); pooling may not
        assertTrue(refused("maxpool(A, image=[5,7,4], f=3, pad=3)").contains("pad=3 is more than half the 3×3 window"),
                refused("maxpool(A, image=[5,7,4], f=3, pad=3)"));
        assertEquals("line 1, column 41: stride=100 is larger than both the 5×7 image and the 3×3 window: at most 7",
                refused("conv2d(A, W, image=[5,7,4], f=3, stride=100)"));
    }

    @Test
    void shapeRules_reachTheUser_atTheCall() {
        assertEquals("line 1, column 1: conv2d W (2×36) over A (140×m = 5×7×4): a 2×2 filter over 4 channels needs W "
                + "of 2×16", refused("conv2d(A, W, image=[5,7,4], f=2)"));
        assertEquals("line 1, column 5: conv2d over A (140×m): 5×7×3 images need 105 rows",
                refused("1 + conv2d(A, W, b, image=[5,7,3], f=3)"));
        assertEquals("line 1, column 1: conv2d b (2×1): 3 filters need a bias of 3×1",
                assertThrows(ExpressionException.class, () -> FormulaParser.parse(
                        "conv2d(A, W, b, image=[5,7,4], f=3)", Map.of("A", Shape.of(140, Dim.M), "W",
                                Shape.of(3, 36), "b", Shape.of(2, 1)), Shape.SCALAR)).getMessage());
        assertEquals("line 1, column 1: maxpool over P (75×m): 5×7×4 images need 140 rows",
                refused("maxpool(P, image=[5,7,4], f=2)"));
    }

    @Test
    void hugeSizes_areRefusedQuickly_beforeAnyGeometryOrBuffer() {
        assertEquals("line 1, column 20: image=[100000,100000,3] has 30000000000 values per image, more than 2³¹ − 1",
                refused("conv2d(A, W, image=[100000,100000,3], f=3)"));
        assertEquals("line 1, column 31: f=99999999999 is too large: at most 2147483647",
                refused("conv2d(A, W, image=[5,7,4], f=99999999999)"));
        assertEquals("line 1, column 31: a 50000×50000 window over 4 channels has more than 2³¹ − 1 values",
                refused("conv2d(A, W, image=[5,7,4], f=50000)"));
        assertEquals("line 1, column 40: pad=39999 is more than half the 40000×40000 window: pooling pads at most "
                + "20000 so that every window holds a pixel of the image",
                refused("maxpool(P, image=[1,1,1], f=40000, pad=39999)"));
        assertEquals("line 1, column 47: the padded image is larger than 2³¹ − 1 pixels along a side",
                refused("conv2d(A, W, image=[1,2147483647,1], f=3, pad=same)"));
        assertEquals("line 1, column 1: maxpool with image=[46340,46340,1], f=2, stride=1, pad=1: its output of "
                + "46341×46341×1 per image has more than 2³¹ − 1 values", assertThrows(ExpressionException.class,
                        () -> FormulaParser.parse("maxpool(P, image=[46340,46340,1], f=2, stride=1, pad=1)", Map.of(),
                                Shape.SCALAR)).getMessage());
        assertEquals("line 1, column 1: conv2d with image=[46340,46340,1], f=1: its output of 46340×46340×3 per image "
                + "has more than 2³¹ − 1 values", assertThrows(ExpressionException.class, () -> FormulaParser.parse(
                        "conv2d(A, W, image=[46340,46340,1], f=1)", Map.of("W", Shape.of(3, 1)), Shape.SCALAR))
                .getMessage());
        String digits = "9".repeat(100_000);
        assertTrue(refused("conv2d(A, W, image=[5,7,4], f=" + digits + ")").contains("…(100000 digits) is too "
                + "large"));
        assertEquals("line 1, column 29: the list of image= is too long: at most 4 numbers",
                refused("conv2d(A, W, image=[5,7,4,1," + "1,".repeat(100_000) + "1], f=3)"));
    }

    @Test
    void deepNesting_throughImageCalls_isRefusedAtTheLimit() {
        String call = "maxpool(";
        String keywords = ", image=[1,1,1], f=1)";
        String deep = call.repeat(300) + "A" + keywords.repeat(300);
        String[] message = new String[1];
        HostileFormulaTest.onSmallStack(() -> message[0] = assertThrows(ExpressionException.class,
                () -> FormulaParser.parse(deep, Map.of(), Shape.of(1, Dim.M))).getMessage());
        assertEquals("line 1, column " + (1 + 256 * call.length()) + ": nested deeper than 256 levels", message[0]);
        String ok = call.repeat(256) + "A" + keywords.repeat(256);
        HostileFormulaTest.onSmallStack(() -> FormulaParser.parse(ok, Map.of(), Shape.of(1, Dim.M)));
    }

    @Test
    void imageNames_areBuiltIn_andNotRegistrable() {
        assertTrue(FormulaFunctions.names().containsAll(java.util.Set.of("conv2d", "maxpool", "avgpool")));
        assertThrows(IllegalArgumentException.class, () -> FormulaFunctions.register("conv2d", 2, a -> a[0]));
        assertTrue(refused("conv2d + 1").contains("'conv2d' is a function: write conv2d(…)"));
        assertTrue(refused("conv3d(A)").contains("conv2d, maxpool, avgpool"));
    }

    @Test
    void brackets_outsideKeywordValues_areNotIndexing() {
        assertEquals("line 1, column 2: expected an operator or the end of the statement but found '['",
                refused("A[0]"));
        assertEquals("line 1, column 1: expected a number, a name or '(' but found '['", refused("[1, 2]"));
    }

    @Test
    void imageKeywords_giveTheGeometryBack() {
        ConvGeometry g = ConvGeometry.of(5, 7, 4, 3, 2, 1);
        assertEquals("image=[5,7,4], f=3, stride=2, pad=1", ImageKeywords.format(g, false));
        assertEquals("image=[5,7,4], f=3, stride=2, pad=1", ImageKeywords.format(g, true));
        assertEquals("image=[5,5,3], f=2", ImageKeywords.format(ConvGeometry.of(5, 5, 3, 2, 2, 0), true));
        assertEquals("image=[5,5,3], f=2, stride=2", ImageKeywords.format(ConvGeometry.of(5, 5, 3, 2, 2, 0), false));
        assertEquals("image=[5,5,3], f=2, pad=same", ImageKeywords.format(ConvGeometry.same(5, 5, 3, 2, 2), true));
        assertEquals("image=[5,5,3], f=3, pad=1", ImageKeywords.format(ConvGeometry.same(5, 5, 3, 3, 1), false));
        assertEquals("image=[5,7,4], f=3, pad=[0,1,2,1]",
                ImageKeywords.format(new ConvGeometry(5, 7, 4, 3, 1, 0, 1, 2, 1), false));
        assertNull(ImageKeywords.of(ConvGeometry.of(5, 7, 4, 3, 1, 0), false).get("pad"));
        Node back = parse("conv2d(A, W, " + ImageKeywords.format(ConvGeometry.same(5, 7, 4, 3, 2), false) + ")");
        assertSame(Conv2d.class, back.op().getClass());
        assertEquals(ConvGeometry.same(5, 7, 4, 3, 2), ((Conv2d) back.op()).geometry());
    }
}
