/**
 * The {@code stepwise} command line: one small picocli class per verb, shared options as mixins,
 * and one handler in {@code Main} that turns a {@code StepwiseException} into its message and exit
 * code. It parses and prints; the work lives in the packages above, callable from Java. May import
 * every runtime package.
 */
package dev.stepwise.cli;
