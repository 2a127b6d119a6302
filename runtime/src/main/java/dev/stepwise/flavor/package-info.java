/**
 * The plug-in contract for stack components: {@code Flavor} (found with {@code ServiceLoader}),
 * the component types, typed configs bound from stored JSON with unknown keys refused, and the
 * seam that resolves secret references at the moment a component is created. May import
 * {@code support} only; {@code stack} builds on it, never the other way round.
 */
package dev.stepwise.flavor;
