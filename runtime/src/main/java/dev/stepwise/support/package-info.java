/**
 * One home for each mechanism the rest of the runtime shares, each with one policy: atomic file
 * writes and file locks, output pumps, SHA-256, the secret mask, the cache directory, the
 * runtime jar's own resources and the reproducible class-directory jar, the shared Jackson configuration, and {@link
 * dev.stepwise.support.StepwiseException}, the base of every user error. May import the JDK,
 * Jackson and SLF4J only: every other package may import this one.
 */
package dev.stepwise.support;
