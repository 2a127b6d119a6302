package dev.stepwise.image;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what Jib really sent: its "pushing blob" progress, minus blobs it skipped because the
 * registry already had them (Jib still completes their progress when it skips).
 */
final class UploadTally {
  private static final String PUSHING = "pushing blob ";
  private static final Pattern SKIPPED = Pattern.compile("Skipping push; BLOB already exists.*?(sha256:[0-9a-f]{64})");

  private final Map<String, Long> progressByBlob = new HashMap<>();
  private final Set<String> skipped = new HashSet<>();

  synchronized void onProgress(ProgressEvent event) {
    Allocation allocation = event.getAllocation();
    String description = allocation.getDescription();
    if (description.startsWith(PUSHING)) {
      progressByBlob.merge(description.substring(PUSHING.length()).trim(), event.getUnits(), Long::sum);
    }
  }

  synchronized void onLog(LogEvent event) {
    Matcher matcher = SKIPPED.matcher(event.getMessage());
    if (matcher.find()) {
      skipped.add(matcher.group(1));
    }
  }

  synchronized Set<String> uploadedBlobs() {
    Set<String> uploaded = new HashSet<>(progressByBlob.keySet());
    uploaded.removeAll(skipped);
    return Set.copyOf(uploaded);
  }

  synchronized long bytesUploaded() {
    return progressByBlob.entrySet().stream()
        .filter(entry -> !skipped.contains(entry.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
