package io.github.gradgraph.graph.rewrite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many times each rule fired in one rewrite, in the order rules first fired. */
public final class RewriteReport {
    private final Map<String, Integer> fired = new LinkedHashMap<>();

    void count(String rule) {
        fired.merge(rule, 1, Integer::sum);
    }

    /** @return rule name → times fired; unmodifiable */
    public Map<String, Integer> fired() {
        return Collections.unmodifiableMap(fired);
    }

    /** @return how many times {@code rule} fired */
    public int times(String rule) {
        return fired.getOrDefault(rule, 0);
    }

    /** @return true when the named rule fired at least once */
    public boolean fired(String rule) {
        return fired.containsKey(rule);
    }

    /** @return one line per rule, {@code   3× x⊙1 → x} */
    @Override
    public String toString() {
        if (fired.isEmpty()) {
            return "no rule fired\n";
        }
        StringBuilder sb = new StringBuilder();
        fired.forEach((rule, n) -> sb.append(String.format("%4d× %s%n", n, rule)));
        return sb.toString();
    }
}
