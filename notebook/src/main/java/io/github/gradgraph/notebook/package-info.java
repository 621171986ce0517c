/**
 * gradgraph in notebooks: the library's objects as a notebook shows them ({@link io.github.gradgraph.notebook.Rich}),
 * without any notebook type in graph or nn.
 */
package io.github.gradgraph.notebook;
