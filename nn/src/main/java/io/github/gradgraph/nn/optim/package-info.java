/**
 * Update rules, for a {@code Network} or any graph's parameters ({@code Optimizer.update} with a {@code ValueAndGrad}
 * result): gradient descent W := W − α·dW; momentum v := β·v + (1 − β)·dW, W := W − α·v; RMSProp s := β·s +
 * (1 − β)·dW², W := W − α·dW/(√s + ε); Adam with bias correction. Their state (step count, v, s) can be saved and
 * restored, so a resumed run continues bitwise.
 */
package io.github.gradgraph.nn.optim;
