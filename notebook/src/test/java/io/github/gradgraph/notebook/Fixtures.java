package io.github.gradgraph.notebook;

import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** What the display tests share: the seed's network, and readers of the pictures a display holds. */
final class Fixtures {
    private Fixtures() {
    }

    /** @return the seed's 2-layer network A2 = σ(W2·tanh(W1·X + b1) + b2) with cross-entropy J */
    static Network seed() {
        return new Network(new NetworkSpec(new int[] {2, 4, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE,
                0));
    }

    /** @return the seed's derivation, X printed as A[0] as the course writes it */
    static Derivation seedDerivation() {
        Network net = seed();
        return Derivation.of(net.loss(), net.parameters(), Map.of(net.input(), "A0"));
    }

    /** @return the base64 PNG decoded, or an error when it is not a PNG */
    static BufferedImage png(String base64) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            if (image == null) {
                throw new AssertionError("not a picture ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the XML parsed, namespace-aware, with no DTD or outside entity fetched */
    /** @return the SVG an {@code <img src="data:image/svg+xml;base64,…">} shows */
    static String svgOfHtmlImage(String html) {
        String prefix = "<img src=\"data:image/svg+xml;base64,";
        if (!html.startsWith(prefix)) {
            throw new AssertionError("not an SVG image: " + html);
        }
        String data = html.substring(prefix.length(), html.indexOf('"', prefix.length()));
        return new String(java.util.Base64.getDecoder().decode(data), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** A sink that records what was shown and updated, for tests of displays that change. */
    static final class RecordingSink implements DisplaySink {
        final List<String> events = new java.util.ArrayList<>();
        final Map<String, Rich> current = new java.util.LinkedHashMap<>();
        private int next;

        @Override
        public String show(Rich r) {
            String id = "display-" + next++;
            events.add("show " + id);
            current.put(id, r);
            return id;
        }

        @Override
        public void update(String id, Rich r) {
            if (!current.containsKey(id)) {
                throw new AssertionError("update of " + id + ", which was never shown");
            }
            events.add("update " + id);
            current.put(id, r);
        }
    }
}
