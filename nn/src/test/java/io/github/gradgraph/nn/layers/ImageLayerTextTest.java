package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The layer text of convolutional networks: the course's two nets read as written, and malformed tokens refused. */
class ImageLayerTextTest {
    private static NetworkSpec parse(String text) {
        return NetworkSpec.parse(text, Activation.RELU, Activation.SOFTMAX, null, 0);
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void leNet5_readsAsTheCourseDrawsIt() {
        NetworkSpec s = parse("28x28x1, conv5x5x6 pad2, maxpool2, conv5x5x16, maxpool2, 120, 84, 10");
        assertEquals("28x28x1, conv5x5x6 pad2 relu, maxpool2, conv5x5x16 relu, maxpool2, 120 relu, 84 relu, "
                + "10 softmax", s.text());
        assertArrayEquals(new int[] {784, 28 * 28 * 6, 10 * 10 * 16, 120, 84, 10}, s.sizes());
        assertEquals(s, parse(s.text()));
        assertEquals(Features.image(14, 14, 6), s.stack().get(1).output(s.stack().get(0).output(s.input())));
        // forward products: 784·6·25 + 100·16·150 + 400·120 + 120·84 + 84·10 multiply-adds per image
        double forward = 2.0 * (784 * 6 * 25 + 100 * 16 * 150 + 400 * 120 + 120 * 84 + 84 * 10);
        assertEquals(forward * 3 - 2.0 * 784 * 6 * 25, s.stepFlops(1), 1e-6);
    }

    @Test
    void theSignsNet_readsWithKerasSamePadding() {
        NetworkSpec s = parse("64x64x3, conv4x4x8 same, maxpool8 same, conv2x2x16 same, maxpool4 same, 6");
        assertArrayEquals(new int[] {64 * 64 * 3, 64 * 64 * 8, 8 * 8 * 16, 6}, s.sizes());
        assertEquals(6, s.outputs());
        assertEquals(s, parse(s.text()));
    }

    @Test
    void optionsInAnyOrder_andEveryOneOfThem() {
        NetworkSpec s = parse("9x9x2, conv3x3x4 stride2 pad1 tanh, avgpool3 stride1 same, 2");
        assertEquals(new ConvLayer(3, 4, 2, 1, Activation.TANH), s.stack().get(0));
        assertEquals(new PoolLayer(false, 3, 1, ConvLayer.SAME), s.stack().get(1));
        assertEquals("9x9x2, conv3x3x4 pad1 stride2 tanh, avgpool3 same stride1, 2 softmax", s.text());
    }

    @Test
    void malformedOrMisplaced_imageLayers_areRefusedByPosition() {
        assertTrue(refusal("28x28x1, conv5x3x6, 10").startsWith("layer 1 'conv5x3x6': filters are square"));
        assertTrue(refusal("28x28x1, conv5x5, 10").startsWith("layer 1 'conv5x5': a convolution is written "
                + "convFxFxN"), refusal("28x28x1, conv5x5, 10"));
        assertTrue(refusal("28x28x1, conv5x5x6 pad2 pad1, 10").contains("the padding is given twice"));
        assertTrue(refusal("28x28x1, conv5x5x6 wide, 10").contains("'wide' is not padP, same, strideS or an "
                + "activation"));
        assertTrue(refusal("28x28x1, maxpool, 10").startsWith("layer 1 'maxpool': pooling is written maxpoolF"));
        assertTrue(refusal("28x28x1, maxpool2 relu, 10").contains("'relu' is not padP, same or strideS"));
        String vector = refusal("784, conv5x5x6, 10");
        assertTrue(vector.startsWith("layer 1 'conv5x5x6 relu' after 784: a convolution needs an image, but gets a "
                + "vector of 784 (give the input as HxWxC, such as 28x28x1)"), vector);
        String tooBig = refusal("4x4x1, conv5x5x2, 10");
        assertTrue(tooBig.contains("5×5 window does not fit in a 4×4 image"), tooBig);
        String bn = refusal("8x8x1, conv3x3x2, bn, 10");
        assertTrue(bn.startsWith("layer 2 'bn': bn after a convolution"), bn);
    }
}
