/**
 * Artifact stores (the contract and the {@code local} flavor) and materializers that turn step
 * inputs and outputs into stored bytes. May import {@code support}, and {@code flavor} and
 * {@code stack} for its flavor only.
 */
package dev.stepwise.artifact;
