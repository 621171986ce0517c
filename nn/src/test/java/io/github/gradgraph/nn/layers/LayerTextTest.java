package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer text of --layers: the examples users write, read verbatim, and every refusal naming its token. */
class LayerTextTest {
    private static NetworkSpec parse(String text) {
        return NetworkSpec.parse(text, Activation.TANH, null, null, 0);
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void layersNameTheirActivation_andBnAndDropoutApplyToTheLayerBefore() {
        NetworkSpec s = parse("2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid");
        assertEquals(List.of(new DenseLayer(16, Activation.RELU), new BatchNormLayer(), new DropoutLayer(0.2),
                new DenseLayer(8, Activation.RELU), new DenseLayer(1, Activation.SIGMOID)), s.stack());
        assertEquals("2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid", s.text());
        assertEquals(LossKind.BCE, s.loss());
        assertArrayEquals(new int[] {2, 16, 8, 1}, s.sizes());
        assertTrue(s.normalizes(1) && !s.normalizes(2));
        Network net = new Network(s);
        assertEquals(List.of("W1", "gamma1", "beta1", "W2", "b2", "W3", "b3"),
                net.parameters().stream().map(n -> n.label()).toList());
        assertEquals(List.of("running_mean1", "running_var1"), net.buffers().stream().map(n -> n.label()).toList());
        assertEquals(1, net.dropouts().size());
        assertEquals(0.2, net.dropouts().get(0).p());
        assertEquals(1, net.dropouts().get(0).layer());
    }

    @Test
    void sizesAlone_takeTheHiddenAndOutputActivations_asBefore() {
        NetworkSpec s = NetworkSpec.parse("784, 256, 128, 10", Activation.RELU, Activation.SOFTMAX, null, 0);
        assertEquals(new NetworkSpec(new int[] {784, 256, 128, 10}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0), s);
        assertEquals("784, 256 relu, 128 relu, 10 softmax", s.text());
        assertTrue(s.isPerceptron());
        assertEquals(NetworkSpec.defaults(), NetworkSpec.parse("2,8,4,1", Activation.TANH, null, null, 0));
        assertEquals(Activation.SOFTMAX, NetworkSpec.parse("2,8,3", Activation.TANH, null, null, 0).output());
    }

    @Test
    void anImageInput_isHeightByWidthByChannels_flattenedForADenseLayer() {
        NetworkSpec s = parse("28x28x1, 10 softmax");
        assertEquals(Features.image(28, 28, 1), s.input());
        assertEquals(784, s.input().size());
        assertEquals("28x28x1, 10 softmax", s.text());
        assertEquals(784, new Network(s).weight(1).shape().cols().size());
    }

    @Test
    void errors_nameTheTokenAndItsPosition() {
        assertEquals("layer 3 'dropuot0.2': unknown layer; expected a size, bn, dropoutP, convFxFxN, maxpoolF, avgpoolF, rnnN, lstmN, gruN, residual",
                refusal("2, 16 relu, bn, dropuot0.2, 1"));
        assertEquals("layer 1 '16 rleu': unknown activation 'rleu'", refusal("2, 16 rleu, 1").split(";")[0]);
        assertTrue(refusal("2, 16 relu,, 1").startsWith("layer 2 '': empty"));
        assertTrue(refusal("2, 16, dropout1.5, 1").startsWith("layer 2 'dropout1.5': the dropout probability"));
        assertTrue(refusal("2, 16, dropoutx, 1").startsWith("layer 2 'dropoutx': dropout needs its probability"));
        assertTrue(refusal("two, 1").startsWith("layer 0 'two': the input must be a size"));
        assertTrue(refusal("2, bn, 1").startsWith("layer 1 'bn': bn normalizes Z of the layer right before it"));
        assertTrue(refusal("2").contains("no layer"));
        assertTrue(refusal("2, 99999999999, 1").startsWith("layer 1 '99999999999': a size of 11 digits"));
        assertTrue(refusal("").startsWith("no layers"));
        assertTrue(refusal("2, 3, 1 softmax").contains("softmax output needs at least 2 units"));
    }

    @Test
    void recurrentLayers_readVectorsAtEachStep_andAreRefusedAfterAnImage() {
        for (String token : List.of("rnn50", "lstm128", "gru64")) {
            String e = refusal("28x28x1, " + token + ", 10");
            assertTrue(e.startsWith("layer 1 '" + token + "' after 28×28×1 (784): a recurrent layer reads a vector "
                    + "at each step, not an image"), e);
            assertTrue(parse("27, " + token + ", 27").recurrent());
        }
        assertTrue(refusal("27, embed16, 27").startsWith("layer 1 'embed16': unknown layer"));
    }

    @Test
    void theMlpOfSizesAndFlags_isTheSameListAsItsText() {
        NetworkSpec flags = new NetworkSpec(new int[] {2, 16, 8, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0, true, 0.2);
        assertEquals(parse("2, 16 relu, bn, dropout0.2, 8 relu, bn, dropout0.2, 1 sigmoid"), flags);
        assertEquals(flags, parse("2, 16 relu, 8 relu, 1 sigmoid").withBatchNorm(true).withDropout(0.2));
        assertEquals(parse("2, 16 relu, 8 relu, 1 sigmoid"), flags.withBatchNorm(false).withDropout(0));
        assertTrue(flags.isPerceptron());
        assertTrue(!parse("2, 16 relu, bn, 8 relu, 1 sigmoid").isPerceptron());
    }
}
