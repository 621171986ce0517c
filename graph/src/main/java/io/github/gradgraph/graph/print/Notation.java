package io.github.gradgraph.graph.print;

/** The two notations equations print in: plain Unicode and LaTeX. Each method gives one token of the notation. */
public enum Notation {
    /** {@code dW[1] = (1/m)·dZ[1]·A[0]ᵀ} */
    UNICODE,
    /** {@code dW^{[1]} = \frac{1}{m} dZ^{[1]} A^{[0]\top}} */
    LATEX;

    private static final java.util.regex.Pattern BATCH_NORM =
            java.util.regex.Pattern.compile("^(d?)(mu|var|gamma|beta|Zhat|Ztilde)(\\d+)$");
    private static final String[] UNICODE_SYMBOLS = {"μ", "σ²", "γ", "β", "Ẑ", "Z̃"};
    private static final String[] LATEX_SYMBOLS = {"\\mu", "{\\sigma^2}", "\\gamma", "\\beta", "\\hat{Z}",
        "\\tilde{Z}"};

    String t(String unicode, String latex) {
        return this == UNICODE ? unicode : latex;
    }

    /** @return a name with a layer index, {@code W1} or {@code W[1]} → {@code W[1]} or {@code W^{[1]}} */
    public String name(String raw) {
        java.util.regex.Matcher bn = BATCH_NORM.matcher(raw);
        if (bn.matches()) { // batch normalization's quantities, as the papers write them
            int k = java.util.List.of("mu", "var", "gamma", "beta", "Zhat", "Ztilde").indexOf(bn.group(2));
            String symbol = this == LATEX ? LATEX_SYMBOLS[k] : UNICODE_SYMBOLS[k];
            return bn.group(1) + (this == LATEX ? symbol + "^{[" + bn.group(3) + "]}" : symbol + "[" + bn.group(3)
                    + "]");
        }
        String s = raw.replaceAll("^([A-Za-z]+)(\\d+)$", "$1[$2]");
        if (this == LATEX) {
            s = s.replaceAll("\\[(\\d+)\\]", "^{[$1]}").replace("_", "\\_");
        }
        return s;
    }

    String times() {
        return t("·", " ");
    }

    String hadamard() {
        return t(" ⊙ ", " \\odot ");
    }

    String divide() {
        return t(" ⊘ ", " \\oslash ");
    }

    String minus() {
        return t("−", "-");
    }

    String transposed(String x) {
        if (this == LATEX && x.matches(".*\\^\\{[^{}]*\\}$")) {
            return x.substring(0, x.length() - 1) + "\\top}";
        }
        return x + t("ᵀ", "^{\\top}");
    }

    String power(String x, double p) {
        if (p == 1) {
            return x; // x¹ is x
        }
        if (p == 0) {
            return "1"; // x⁰ is 1
        }
        String e = Numbers.format(p);
        if (this == LATEX) {
            // A^{[1]} squared is {A^{[1]}}^{2}: TeX refuses a second superscript on the same base
            return (x.matches(".*\\^\\{[^{}]*\\}$") ? "{" + x + "}" : x) + "^{" + e + "}";
        }
        return p == 2 ? x + "²" : p == 3 ? x + "³" : x + "^" + e;
    }

    String call(String f, String arg) {
        if (this == LATEX) {
            switch (f) {
                case "exp": case "log": case "tanh":
                    return "\\" + f + "\\left(" + arg + "\\right)";
                case "σ":
                    return "\\sigma\\left(" + arg + "\\right)";
                case "sqrt":
                    return "\\sqrt{" + arg + "}";
                default: // a transposed op, conv2dᵀ, as an operator with a superscript ⊤
                    String op = f.endsWith("ᵀ") ? f.substring(0, f.length() - 1) : f;
                    return "\\operatorname{" + op.replace("_", "\\_") + "}" + (op.equals(f) ? "" : "^{\\top}")
                            + "\\left(" + arg + "\\right)";
            }
        }
        return f + "(" + arg + ")";
    }

    /** @return keyword arguments as a call writes them: {@code image=[5,7,4], f=3}, in LaTeX {@code \text{image}} */
    String keywords(java.util.Map<String, String> keywords) {
        StringBuilder s = new StringBuilder();
        keywords.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ")
                .append(this == LATEX && k.length() > 1 ? "\\text{" + k + "}" : k).append('=').append(v));
        return s.toString();
    }

    String reciprocal(String s) {
        return t("(1/" + s + ")·", "\\frac{1}{" + s + "} ");
    }

    String sum(String kind, String x) {
        if (this == LATEX) {
            return "\\sum" + (kind.isEmpty() ? "" : "_{\\text{" + kind + "}}") + " " + x;
        }
        return "Σ" + kind + (kind.isEmpty() && x.startsWith("(") ? "" : " ") + x;
    }

    String indicator(String x) {
        return t("1[" + x + " > 0]", "\\mathbb{1}\\left[" + x + " > 0\\right]");
    }

    String abs(String x) {
        return t("|" + x + "|", "\\left\\lvert " + x + " \\right\\rvert");
    }

    String group(String x) {
        return t("(" + x + ")", "\\left(" + x + "\\right)");
    }
}
