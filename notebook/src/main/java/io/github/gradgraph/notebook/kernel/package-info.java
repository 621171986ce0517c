/**
 * gradgraph in Jupyter through a Java kernel (rapaio-jupyter-kernel, which runs cells in JShell): the display
 * provider that turns a cell's value into its {@link io.github.gradgraph.notebook.Rich} bundle, a
 * {@link io.github.gradgraph.notebook.DisplaySink} over the running kernel ({@link
 * io.github.gradgraph.notebook.kernel.Jupyter}), and {@code ./gradgraph notebook}, which installs the kernel spec.
 * The kernel's types appear only here; package {@code io.github.gradgraph.notebook} knows no kernel.
 */
package io.github.gradgraph.notebook.kernel;
