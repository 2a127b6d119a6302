/**
 * Stacks and their components as the user registers them: the atomic, locked store under the
 * config directory, active-stack resolution as one pure function, validation that prints the
 * fix, and creation of working components through their flavors. May import {@code flavor} and
 * {@code support}.
 */
package dev.stepwise.stack;
