package io.github.gradgraph.graph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.ops.PrimitiveSpec.Example;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails when a primitive exists that the property table does not cover, so no rule can go untested. */
class PrimitiveTableGuardTest {
    @Test
    void everyPrimitive_isInThePropertyTable() throws IOException, URISyntaxException {
        Set<String> declared = new TreeSet<>();
        Path root = Path.of(Primitive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(p).toString();
                if (!rel.endsWith(".class") || rel.contains("$")) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - 6).replace('/', '.').replace('\\', '.');
                Class<?> c = loadQuietly(name);
                if (c != null && Primitive.class.isAssignableFrom(c) && !c.isInterface()
                        && !Modifier.isAbstract(c.getModifiers())) {
                    declared.add(c.getName());
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        for (PrimitiveSpec spec : PrimitiveTable.all()) {
            Example e = new Example(3, 4, 2, 1, new Random(1));
            io.github.gradgraph.graph.Graph g = new io.github.gradgraph.graph.Graph();
            io.github.gradgraph.core.Shape[] shapes = spec.shapes().apply(e);
            io.github.gradgraph.graph.Node[] in = new io.github.gradgraph.graph.Node[shapes.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = g.parameter("x" + i, shapes[i].rows().size(), shapes[i].cols().size());
            }
            covered.add(spec.build().apply(in, e).op().getClass().getName());
        }
        assertTrue(declared.size() >= 30, "expected the full primitive set, found " + declared);
        assertEquals(declared, covered, "every primitive needs a row in PrimitiveTable");
        System.out.println("primitives: " + declared.size());
    }

    private static Class<?> loadQuietly(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
