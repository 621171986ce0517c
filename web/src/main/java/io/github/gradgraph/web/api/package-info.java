/**
 * The playground's requests made concrete: a network description read and checked field by field
 * ({@link io.github.gradgraph.web.api.PlaygroundConfig}), its data, split and network with J parsed from the loss box
 * ({@link io.github.gradgraph.web.api.Setup}), and the JSON views of the library's derivation, graph and gradient
 * check. Every refusal is an {@link io.github.gradgraph.web.api.ApiException} naming the culprit.
 */
package io.github.gradgraph.web.api;
