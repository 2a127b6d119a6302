/**
 * The annotations a user puts on step methods: {@code @Step}, {@code @ResourceSettings} and
 * {@code @SparkStepOperatorSettings}. Their Javadoc is the user reference. This package has no
 * dependencies at all, so user code needs nothing else at compile time; it may import only the JDK.
 */
package dev.stepwise.annotations;
