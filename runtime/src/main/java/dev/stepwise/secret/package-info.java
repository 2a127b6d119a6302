/**
 * The user's secrets (a 0600 file refused when wider) and {@code {{name.key}}} references, resolved
 * only when a component is created for use and remembered as secret so every layer can keep their
 * values private. May import {@code flavor}, {@code stack} and {@code support}.
 */
package dev.stepwise.secret;
