package io.github.gradgraph.graph.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a formula into tokens, tracking line and column. Statements end at ';' or a line break outside parentheses
 * and brackets.
 */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String src) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int depth = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                if (depth == 0) {
                    out.add(new Token(Token.Kind.END_OF_STATEMENT, "\n", line, col));
                }
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isDigit(c) || c == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))) {
                int start = i;
                while (i < src.length() && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
                if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                    int save = i;
                    i++;
                    if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < src.length() && Character.isDigit(src.charAt(i))) {
                        while (i < src.length() && Character.isDigit(src.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = save;
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, src.substring(start, i), line, col));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Token.Kind.NAME, src.substring(start, i), line, col));
            } else if (c == ';') {
                out.add(new Token(Token.Kind.END_OF_STATEMENT, ";", line, col));
                i++;
            } else if (c == '*' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
                out.add(new Token(Token.Kind.SYMBOL, "**", line, col));
                i += 2;
            } else if ("+-*/@(),=.[]".indexOf(c) >= 0) { // [ ] only in keyword values: image=[5,7,4]
                depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), line, col));
                i++;
            } else {
                throw new ExpressionException(line, col, "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Token.Kind.END, "", line, src.length() - lineStart + 1));
        return out;
    }
}
