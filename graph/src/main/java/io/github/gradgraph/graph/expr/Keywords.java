package io.github.gradgraph.graph.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyword arguments, {@code name=value} after a call's positional ones, as in {@code conv2d(A, W, image=[5,7,4], f=3)}.
 * A value is a whole number, the word {@code same}, or a bracketed list of at most {@value #MAX_LIST} whole numbers;
 * each is checked where it is read, so no keyword value can hold an expression, a huge list or a number past
 * {@link Integer#MAX_VALUE}.
 */
final class Keywords {
    /** The longest list a keyword takes: pad=[top, left, bottom, right]. */
    static final int MAX_LIST = 4;

    /** What a keyword's value is. */
    enum Kind {
        NUMBER("a whole number"), SAME("'same'"), LIST("a list");

        final String shown;

        Kind(String shown) {
            this.shown = shown;
        }
    }

    /**
     * One keyword's value.
     *
     * @param name   the keyword's token
     * @param at     the value's first token
     * @param kind   its kind
     * @param values the number, or the list's numbers; empty for {@code same}
     */
    record Value(Token name, Token at, Kind kind, int[] values) {
        /** @return the value as the user typed it, such as {@code [5,7,4]} */
        String shown() {
            if (kind == Kind.SAME) {
                return "same";
            }
            if (kind == Kind.NUMBER) {
                return Integer.toString(values[0]);
            }
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ",").append(values[i]);
            }
            return s.append(']').toString();
        }

        /** @return an error at this value */
        ExpressionException error(String problem) {
            return new ExpressionException(at.line(), at.column(), problem);
        }
    }

    private Keywords() {
    }

    /** @return true when the parser stands at {@code name=}, the start of a keyword argument */
    static boolean atKeyword(FormulaParser p) {
        return p.peekToken().kind() == Token.Kind.NAME && p.peekToken(1).is("=");
    }

    /** @throws ExpressionException at the keyword, when the parser stands at one: {@code f} takes none */
    static void refuse(FormulaParser p, String f) {
        if (atKeyword(p)) {
            Token k = p.peekToken();
            throw new ExpressionException(k.line(), k.column(), f + " takes no keyword arguments, got '" + k.text()
                    + "='");
        }
    }

    /**
     * Reads keyword arguments up to the closing parenthesis (not consumed), the parser standing at the first.
     *
     * @param f       the function, for messages
     * @param allowed its keywords, in the order its messages list them
     * @return the values by keyword, in the order given
     * @throws ExpressionException at an unknown or repeated keyword, a positional argument after a keyword, or a
     *                             value that is not a whole number, {@code same} or a short list of whole numbers
     */
    static Map<String, Value> read(FormulaParser p, String f, List<String> allowed) {
        Map<String, Value> out = new LinkedHashMap<>();
        while (true) {
            Token k = p.peekToken();
            if (!atKeyword(p)) {
                throw new ExpressionException(k.line(), k.column(), (k.is(")") ? "expected a keyword after ','"
                        : "a positional argument cannot follow keyword arguments") + " in " + f + ": "
                        + String.join("=, ", allowed) + "= but found " + k.show());
            }
            p.nextToken();
            p.nextToken();
            if (!allowed.contains(k.text())) {
                throw new ExpressionException(k.line(), k.column(), "unknown keyword '" + k.text() + "' for " + f
                        + "; its keywords are " + String.join(", ", allowed));
            }
            if (out.containsKey(k.text())) {
                throw new ExpressionException(k.line(), k.column(), "keyword '" + k.text() + "' given twice");
            }
            out.put(k.text(), value(p, k));
            if (!p.peekToken().is(",")) {
                return out;
            }
            p.nextToken();
        }
    }

    private static Value value(FormulaParser p, Token name) {
        Token at = p.nextToken();
        if (at.kind() == Token.Kind.NAME && at.text().equals("same")) {
            return new Value(name, at, Kind.SAME, new int[0]);
        }
        if (at.kind() == Token.Kind.NUMBER) {
            return new Value(name, at, Kind.NUMBER, new int[] {whole(name, at)});
        }
        if (!at.is("[")) {
            throw new ExpressionException(at.line(), at.column(), "the value of " + name.text() + "= must be a whole "
                    + "number, 'same' or a list such as [5,7,4], but found " + at.show());
        }
        List<Integer> values = new ArrayList<>();
        while (true) {
            Token t = p.nextToken();
            if (t.kind() != Token.Kind.NUMBER) {
                throw new ExpressionException(t.line(), t.column(), "expected a whole number in the list of "
                        + name.text() + "= but found " + t.show());
            }
            if (values.size() == MAX_LIST) {
                throw new ExpressionException(t.line(), t.column(), "the list of " + name.text() + "= is too long: "
                        + "at most " + MAX_LIST + " numbers");
            }
            values.add(whole(name, t));
            Token sep = p.nextToken();
            if (sep.is("]")) {
                return new Value(name, at, Kind.LIST, values.stream().mapToInt(Integer::intValue).toArray());
            }
            if (!sep.is(",")) {
                throw new ExpressionException(sep.line(), sep.column(), "expected ',' or ']' in the list of "
                        + name.text() + "= but found " + sep.show());
            }
        }
    }

    /** @return the number token's value, when it is a whole number no larger than {@link Integer#MAX_VALUE} */
    private static int whole(Token name, Token t) {
        if (!t.text().chars().allMatch(Character::isDigit)) {
            throw new ExpressionException(t.line(), t.column(), name.text() + "= takes whole numbers, got "
                    + t.text());
        }
        String digits = t.text().replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw new ExpressionException(t.line(), t.column(), name.text() + "=" + shorten(t.text())
                    + " is too large: at most " + Integer.MAX_VALUE);
        }
        return Integer.parseInt(digits);
    }

    private static String shorten(String s) {
        return s.length() <= 24 ? s : s.substring(0, 20) + "…(" + s.length() + " digits)";
    }

    /** @return {@code v}, after checking it is of one of the kinds */
    static Value expect(Value v, Set<Kind> kinds, String example) {
        if (!kinds.contains(v.kind())) {
            throw v.error(v.name().text() + "= takes " + example + ", not " + v.kind().shown);
        }
        return v;
    }
}
