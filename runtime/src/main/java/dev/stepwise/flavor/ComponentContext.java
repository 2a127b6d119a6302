package dev.stepwise.flavor;

import java.nio.file.Path;

/** What a flavor may need to create its component: where Stepwise keeps its configuration. */
public record ComponentContext(Path configDir) {}
