/**
 * The annotation processor entry point: a thin {@code StepProcessor}, with {@code StepReader} and
 * {@code StepCompilation}, that runs {@code validation}, builds the {@code model}, hands it to
 * {@code codegen}, and reports any unexpected failure as a compile error. May import its three
 * subpackages, the annotations and the JDK compiler API.
 */
package dev.stepwise.processor;
