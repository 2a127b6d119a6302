/**
 * The {@code local} orchestrator: a pure scheduler that says which steps may start, a step runner
 * that runs one step in-process or through its step operator (attempt after attempt, as the one
 * retry policy allows), the coordinator of a run, and run records reconciled with each step's
 * result record, with each step's cache verdict (written when a step starts and when it ends, not at
 * each change, serializing only the steps that changed); resuming a run under its id (what it was started
 * with, kept in its record; the claim that one process drives it; steps still running on a cluster
 * followed, not submitted again); also the {@code local} step operator (a child JVM). May import {@code operator}, {@code stack}, {@code flavor}, {@code step},
 * {@code artifact}, {@code discovery}, {@code cache}, {@code support} and the annotations.
 */
package dev.stepwise.orchestrator;
