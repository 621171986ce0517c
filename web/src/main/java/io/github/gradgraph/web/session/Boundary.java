package io.github.gradgraph.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.web.api.Json;
import io.github.gradgraph.web.api.Setup;
import org.ejml.data.DMatrixRMaj;

/**
 * The decision boundary as a heat map: the network's prediction at the centres of a {@value #CELLS}² grid over the
 * data's bounding box (plus a margin), in the data's own units, standardized as the training features were. For one
 * sigmoid output a cell holds round(1000·P(class 1)); for a softmax output it holds 1000·k + round(999·P(k)) for its
 * most probable class k.
 */
final class Boundary {
    static final int CELLS = 48;

    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final DMatrixRMaj grid;

    /**
     * @param area          {x0, x1, y0, y1} in the data's own units, as {@link Setup#area} gives it
     * @param preprocessing what the training features went through
     */
    Boundary(double[] area, Preprocessing preprocessing) {
        x0 = area[0];
        x1 = area[1];
        y0 = area[2];
        y1 = area[3];
        DMatrixRMaj points = new DMatrixRMaj(2, CELLS * CELLS);
        for (int r = 0; r < CELLS; r++) { // row 0 at the top: the largest y
            for (int c = 0; c < CELLS; c++) {
                points.set(0, r * CELLS + c, x0 + (c + 0.5) * (x1 - x0) / CELLS);
                points.set(1, r * CELLS + c, y1 - (r + 0.5) * (y1 - y0) / CELLS);
            }
        }
        grid = preprocessing.apply(points);
    }

    /** @return {@code {x0, x1, y0, y1, cells, values}} for the parameters in {@code params} */
    ObjectNode draw(Predictor predictor, ParameterStore params) {
        DMatrixRMaj a = predictor.predict(params, grid);
        ObjectNode o = Json.object();
        o.put("x0", x0);
        o.put("x1", x1);
        o.put("y0", y0);
        o.put("y1", y1);
        o.put("cells", CELLS);
        ArrayNode values = o.putArray("values");
        for (int j = 0; j < a.numCols; j++) {
            if (a.numRows == 1) {
                values.add((int) Math.round(1000 * clamp(a.get(0, j))));
            } else {
                int best = 0;
                for (int k = 1; k < a.numRows; k++) {
                    if (a.get(k, j) > a.get(best, j)) {
                        best = k;
                    }
                }
                values.add(1000 * best + (int) Math.round(999 * clamp(a.get(best, j))));
            }
        }
        return o;
    }

    private static double clamp(double p) {
        return Double.isNaN(p) ? 0.5 : Math.max(0, Math.min(1, p));
    }
}
