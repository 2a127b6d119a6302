package dev.stepwise.image;

import java.nio.file.Path;

/** One file of a layer: where it comes from, where it goes in the image, its octal permissions. */
record LayerEntry(Path source, String pathInImage, String permissions) {}
