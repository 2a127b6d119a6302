/**
 * The user's Java API for pipelines: {@code Pipeline.define} with typed {@code StepOutput}s from
 * generated stubs, {@code RunOptions}, and the {@code PipelineRun} handle. May import
 * {@code orchestrator}, {@code stack}, {@code flavor}, {@code secret}, {@code step},
 * {@code artifact} and {@code support}.
 */
package dev.stepwise.pipeline;
