/**
 * The entrypoint protocol that runs inside a step's JVM or Spark driver: the run spec it reads,
 * the result record it writes (the truth of a launched step; inside the orchestrator it is written
 * without fsync, since the orchestrator records the step's end durably), exit codes, step metadata,
 * and the execution of a generated {@code StepProgram}. May import {@code artifact} and {@code support}.
 */
package dev.stepwise.step;
