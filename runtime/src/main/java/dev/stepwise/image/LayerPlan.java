package dev.stepwise.image;

import java.util.List;

/** One planned layer: its name, its entries in order, and the hash of their paths and bytes. */
record LayerPlan(String name, List<LayerEntry> entries, String contentHash) {
  LayerPlan {
    entries = List.copyOf(entries);
  }

  BuiltImage.ImageLayer summary() {
    return new BuiltImage.ImageLayer(name, entries.size(), contentHash);
  }
}
