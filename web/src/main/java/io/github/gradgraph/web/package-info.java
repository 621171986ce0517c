/**
 * The playground, {@code gradgraph serve}: a local web server ({@link io.github.gradgraph.web.PlaygroundServer}, on
 * Javalin) with one page and a JSON API over the library — the derivation of a network and its J as {@code derive}
 * prints it, the graph of J and of its derived gradients, the gradient check of the initial network, and training
 * with the library's {@code Trainer}, streamed to the page as Server-Sent Events. Nothing is computed twice: the page
 * renders what the engine derives, checks and trains.
 *
 * <p>Endpoints: {@code GET /api/presets}; {@code POST /api/validate | derive | graph | gradcheck} with a network
 * (see {@link io.github.gradgraph.web.api.PlaygroundConfig}); {@code POST /api/uploads} (a CSV);
 * {@code POST /api/sessions}, then {@code /api/sessions/{id}/play | pause | step | reset | speed | close},
 * {@code GET /api/sessions/{id}}, {@code /events}, {@code /model.safetensors}, {@code /history.csv},
 * {@code DELETE /api/sessions/{id}}. A refused request is a 4xx with {@code {"error": "…"}}.
 */
package io.github.gradgraph.web;
