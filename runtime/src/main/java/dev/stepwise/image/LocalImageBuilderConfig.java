package dev.stepwise.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config of the {@code local} image builder flavor.
 *
 * @param parentImage the base image for every step of the stack (a step may name its own)
 * @param cacheDir Jib's layer cache; default {@code ${XDG_CACHE_HOME:-~/.cache}/stepwise/jib}
 */
public record LocalImageBuilderConfig(
    @JsonProperty("parent_image") String parentImage,
    @JsonProperty("cache_dir") String cacheDir) {}
