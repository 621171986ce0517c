package io.github.gradgraph.graph.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.PrimitiveCheckTest;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.print.ExpressionPrinter;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A primitive registered by name is a function of the formula language: parsed, run, differentiated, printed. */
class FormulaFunctionsTest {
    @AfterEach
    void unregister() {
        FormulaFunctions.unregister("logaddexp");
        FormulaFunctions.unregister("twice");
    }

    @Test
    void register_primitive_isCalledByName_runDifferentiatedAndPrinted() {
        FormulaFunctions.register(PrimitiveCheckTest.logAddExp());
        assertTrue(FormulaFunctions.names().contains("logaddexp"));
        assertTrue(FormulaFunctions.names().contains("gelu"));
        Formula f = FormulaParser.parse("J = sum(logaddexp(a, 2 * b))", Map.of("a", Shape.of(1, 2), "b",
                Shape.of(1, 2)), Shape.SCALAR);
        Map<String, DMatrixRMaj> feeds = Map.of("a", new DMatrixRMaj(1, 2, true, 0.5, -1),
                "b", new DMatrixRMaj(1, 2, true, 0.25, 3));
        double j = Compiler.compile(f.result()).run(feeds).scalar(f.result());
        assertEquals(Math.log(Math.exp(0.5) + Math.exp(0.5)) + Math.log(Math.exp(-1) + Math.exp(6)), j, 1e-12);
        var grad = Autodiff.gradient(f.result(), f.node("a"));
        DMatrixRMaj da = Compiler.compile(grad).run(feeds).get(grad);
        assertEquals(0.5, da.get(0, 0), 1e-12);
        assertEquals(1 / (1 + Math.exp(7)), da.get(0, 1), 1e-12);
        assertEquals("Σ logaddexp(a, 2·b)", new ExpressionPrinter(io.github.gradgraph.graph.print.Notation.UNICODE, n -> null).print(f.result()));
    }

    @Test
    void aLibraryOnTheClasspath_registersItsFunctions_withoutCode() {
        Formula f = FormulaParser.parse("zz_half(a) + 1", Map.of(), Shape.SCALAR);
        assertEquals(2.5, Compiler.compile(f.result()).run(Map.of("a", new DMatrixRMaj(1, 1, true, 3)))
                .scalar(f.result()), 0);
        assertTrue(FormulaFunctions.registered().contains("zz_half"));
    }

    @Test
    void register_function_fromNodes_andItsErrors() {
        FormulaFunctions.register("twice", 1, args -> Ops.scale(args[0], 2));
        Formula f = FormulaParser.parse("twice(a) + 1", Map.of(), Shape.SCALAR);
        assertEquals(7.0, Compiler.compile(f.result()).run(Map.of("a", new DMatrixRMaj(1, 1, true, 3)))
                .scalar(f.result()), 0);
        ExpressionException arity = assertThrows(ExpressionException.class,
                () -> FormulaParser.parse("twice(a, b)", Map.of(), Shape.SCALAR));
        assertTrue(arity.getMessage().contains("line 1, column 1: twice takes 1 argument, got 2"), arity.getMessage());
        ExpressionException unknown = assertThrows(ExpressionException.class,
                () -> FormulaParser.parse("thrice(a)", Map.of(), Shape.SCALAR));
        assertTrue(unknown.getMessage().contains("unknown function 'thrice'") && unknown.getMessage()
                .contains("registered: twice"), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FormulaFunctions.register("twice", 1,
                args -> args[0])).getMessage().contains("registered already"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FormulaFunctions.register("gelu", 1,
                args -> args[0])).getMessage().contains("built-in"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FormulaFunctions.register("Bad-Name", 1,
                args -> args[0])).getMessage().contains("lower-case identifier"));
        assertTrue(FormulaFunctions.unregister("twice"));
        assertFalse(FormulaFunctions.names().contains("twice"));
    }
}
