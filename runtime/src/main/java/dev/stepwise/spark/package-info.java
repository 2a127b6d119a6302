/**
 * The {@code spark} step-operator flavor: its config, the submission planner (resources, backend,
 * io and additional layers, each key with its source), the explanation, the submitter over
 * Spark's own launcher, the launch that follows it, and the embedded Spark home. May import
 * {@code operator}, {@code artifact}, {@code flavor}, {@code stack}, {@code step} and
 * {@code support}; the core never imports it.
 */
package dev.stepwise.spark;
