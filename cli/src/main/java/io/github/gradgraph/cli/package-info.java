/**
 * The {@code gradgraph} command: train, predict, gradcheck, derive, graph, eval and bench, with picocli. Exit codes
 * 0 success, 1 a failed check or diverged run, 2 bad input (one line on stderr naming the culprit), 3 an internal
 * error. The command adds its own advice (option names) to the library's messages.
 */
package io.github.gradgraph.cli;
