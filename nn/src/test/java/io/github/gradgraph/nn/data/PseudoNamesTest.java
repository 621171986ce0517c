package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped text of made-up names is its generator's output, and reads as the course's names do. */
class PseudoNamesTest {
    @Test
    void theCommittedFile_isTheGeneratorsOutput() throws IOException {
        try (InputStream in = PseudoNames.class.getResourceAsStream(PseudoNames.RESOURCE)) {
            assertEquals(PseudoNames.text(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "rerun PseudoNames.main with nn/src/test/resources/io/github/gradgraph/nn/data");
        }
    }

    @Test
    void read_givesAThousandExamples_overNewlineAndTheAlphabet() {
        TextLines t = TextLines.read(Fixtures.file("../" + PseudoNames.RESOURCE));
        assertEquals(PseudoNames.COUNT, t.size());
        assertEquals("\nabcdefghijklmnopqrstuvwxyz", t.vocabulary().text());
        assertEquals(PseudoNames.text().length(), t.tokens()); // every character and every line end is a target
    }
}
