/**
 * Finding steps without loading user classes: the {@code --classpath} parser (with
 * {@code dir/*}) and the index of step metadata resources on a class path. May import
 * {@code step} and {@code support}.
 */
package dev.stepwise.discovery;
