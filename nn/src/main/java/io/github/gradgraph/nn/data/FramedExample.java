package io.github.gradgraph.nn.data;

/**
 * One example as a character-level language model reads and predicts it: it reads the zero vector first, then its
 * characters, and predicts its characters, then the line end. For "abc": inputs [−1, a, b, c] and targets
 * [a, b, c, \n] as token ids ({@link Vocabulary#NO_TOKEN} = −1 is the zero vector), both of length T = 3 + 1; an
 * empty example reads [−1] and predicts [\n].
 *
 * @param inputs  x⟨1⟩…x⟨T⟩: {@link Vocabulary#NO_TOKEN}, then the characters' ids
 * @param targets y⟨1⟩…y⟨T⟩: the characters' ids, then {@link Vocabulary#newline()}
 */
public record FramedExample(int[] inputs, int[] targets) {
    public FramedExample {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + targets.length + " targets");
        }
    }

    /**
     * @param vocabulary   the ids
     * @param codePoints   the example's characters, without its line end (Not modified.)
     * @throws DataException naming a character the vocabulary lacks
     */
    public static FramedExample of(Vocabulary vocabulary, int[] codePoints) {
        int t = codePoints.length + 1;
        int[] inputs = new int[t];
        int[] targets = new int[t];
        inputs[0] = Vocabulary.NO_TOKEN;
        for (int i = 0; i < codePoints.length; i++) {
            int id = vocabulary.id(codePoints[i]);
            inputs[i + 1] = id;
            targets[i] = id;
        }
        targets[t - 1] = vocabulary.newline();
        return new FramedExample(inputs, targets);
    }

    /** @return T, the number of time steps: the example's length + 1 */
    public int steps() {
        return inputs.length;
    }
}
