package io.github.gradgraph.nn.data;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The files written by {@code fixtures/make_fixtures.py} with numpy, h5py and safetensors. */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return the fixture file of that name */
    public static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }
}
