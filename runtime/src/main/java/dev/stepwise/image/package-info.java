/**
 * The {@code default} container registry and the {@code local} image builder flavors: reproducible,
 * content-tagged images built with Jib without a Docker daemon. May import {@code flavor},
 * {@code secret} and {@code support}.
 */
package dev.stepwise.image;
