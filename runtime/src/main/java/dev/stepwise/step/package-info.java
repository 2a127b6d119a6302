/**
 * The entrypoint protocol that runs inside a step's JVM or Spark driver: the run spec it reads,
 * the result record it writes (the truth of a step), exit codes, step metadata, and the execution
 * of a generated {@code StepProgram}. May import {@code artifact} and {@code support}.
 */
package dev.stepwise.step;
