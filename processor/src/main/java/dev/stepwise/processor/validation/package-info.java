/**
 * One validator per construct (step method, parameter and return types, resource and Spark
 * settings, parent image references), each reporting every problem on the most precise element,
 * annotation mirror or value with a stable {@code [Stepwise...]} tag. May import the annotations,
 * {@code model} (for what validated input becomes) and the JDK compiler API.
 */
package dev.stepwise.processor.validation;
