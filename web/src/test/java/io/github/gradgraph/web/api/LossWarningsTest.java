package io.github.gradgraph.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which J the playground warns about, and in what words: each rule of {@link LossWarnings}, and the presets. */
class LossWarningsTest {
    private static final String SOFTMAX_CE = "mean(-sum(Y*log(A), 0))";
    /** Two classes, 3 of 8 samples of class 1: a J that always predicts 1 is right 38 % of the time. */
    private static final int[] TWO = {0, 1, 0, 0, 1, 0, 1, 0};
    private static final int[] THREE = {0, 1, 2, 2, 1, 0, 2};
    private static final String IGNORED_CLASS_0 = "J does not change with the output on samples of class 0, so "
            + "training learns nothing from them: with one output row their label Y is 0, and J multiplies everything "
            + "by Y. A softmax cross-entropy such as mean(-sum(Y*log(A), 0)) needs a row per class: choose the softmax "
            + "output activation.";

    @Test
    void of_softmaxCrossEntropyOnOneSigmoidRow_saysClass0IsIgnored_andHowToFitIt() {
        assertEquals(List.of(IGNORED_CLASS_0), LossWarnings.of(SOFTMAX_CE, Activation.SIGMOID, 1, 2, TWO));
    }

    @Test
    void of_everyPresetOnTheOutputItIsFor_warnsOfNothing() {
        List<String> sigmoid = List.of(PlaygroundConfig.DEFAULT_LOSS, "mean(softplus(Z) - Y*Z)",
                "mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))", "pt = Y*A + (1 - Y)*(1 - A)\nmean(-((1 - pt)**2) * log(pt))",
                "mean((A - Y)**2)");
        for (String loss : sigmoid) {
            assertEquals(List.of(), LossWarnings.of(loss, Activation.SIGMOID, 1, 2, TWO), loss);
        }
        assertEquals(List.of(), LossWarnings.of(SOFTMAX_CE, Activation.SOFTMAX, 2, 2, TWO));
        assertEquals(List.of(), LossWarnings.of(SOFTMAX_CE, Activation.SOFTMAX, 3, 3, THREE));
        assertEquals(List.of(), LossWarnings.of("mean((A - Y)**2)", Activation.SOFTMAX, 3, 3, THREE));
        assertEquals(List.of(), LossWarnings.of("mean((A - Y)**2)", Activation.TANH, 1, 2, TWO));
    }

    @Test
    void of_sigmoidCrossEntropyOnASoftmaxOutput_warnsOfNothing_sinceItStillRewardsTheRightClass() {
        // each row's binary cross-entropy against the one-hot Y: lowest where A = Y, so it trains (as 2× the
        // softmax cross-entropy's pull on the true row); the rule judges what J rewards, not which preset it is
        assertEquals(List.of(), LossWarnings.of(PlaygroundConfig.DEFAULT_LOSS, Activation.SOFTMAX, 2, 2, TWO));
        assertEquals(List.of(), LossWarnings.of("mean(softplus(Z) - Y*Z)", Activation.SOFTMAX, 3, 3, THREE));
    }

    @Test
    void of_aJNotFiniteWhereverTheOutputPredictsAClass_namesTheActivationAndTheClass() {
        // A − Y < 0 wherever a sigmoid row predicts class 1 (Y = 1)
        assertEquals(List.of("J is not a finite number for any output of the sigmoid output layer that predicts "
                + "class 1 (a log or a square root of a negative value?), so training towards it fails."),
                LossWarnings.of("mean(sqrt(A - Y))", Activation.SIGMOID, 1, 2, TWO));
    }

    @Test
    void of_aJLowestForOneOutputForEverySample_saysItNeedNotLearnTheLabels() {
        String blind = "J is as low when the network gives every sample the same output as when it classifies each "
                + "one right, so training can lower J without learning the labels.";
        assertEquals(List.of(blind), LossWarnings.of("mean(A)", Activation.SIGMOID, 1, 2, TWO));
        assertEquals(List.of(blind), LossWarnings.of("mean(A * A)", Activation.SOFTMAX, 3, 3, THREE));
    }

    @Test
    void of_aJThatIgnoresEveryClass_namesThemAll() {
        assertEquals(List.of("J does not change with the output on samples of classes 0, 1, 2, so training learns "
                + "nothing from them."), LossWarnings.of("mean(Y)", Activation.SOFTMAX, 3, 3, THREE));
    }

    @Test
    void setupWarnings_ofTheSoftmaxPresetOnTheFlower_dependOnTheOutputActivation() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Setup auto = Setup.of(PlaygroundConfig.from(json.readTree("{\"loss\": \"" + SOFTMAX_CE + "\"}")),
                new Uploads());
        assertEquals(List.of(IGNORED_CLASS_0), auto.warnings(), "auto is one sigmoid row for two classes");
        Setup softmax = Setup.of(PlaygroundConfig.from(json.readTree("{\"loss\": \"" + SOFTMAX_CE
                + "\", \"output\": \"softmax\"}")), new Uploads());
        assertEquals(List.of(), softmax.warnings());
    }
}
