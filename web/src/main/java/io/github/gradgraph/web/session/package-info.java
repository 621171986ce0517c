/**
 * Training sessions, one per browser tab: a {@link io.github.gradgraph.web.session.TrainingSession} trains on its own
 * thread (alive only while it trains) under a fair lock; {@link io.github.gradgraph.web.session.Sessions} keeps them,
 * sends each page its session's newest state, and ends a session whose page is gone.
 */
package io.github.gradgraph.web.session;
