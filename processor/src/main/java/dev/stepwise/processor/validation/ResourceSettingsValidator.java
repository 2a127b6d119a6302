package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;

/** Checks {@code @ResourceSettings}: ZenML's memory format, finite non-negative counts. */
public final class ResourceSettingsValidator {

  static final Pattern MEMORY = Pattern.compile("^[0-9]+(KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)$");

  public ValidationReport validate(ExecutableElement method, PresentAnnotation resources) {
    List<Finding> findings = new ArrayList<>();
    String memory = resources.string("memory");
    if (!memory.isEmpty() && !MEMORY.matcher(memory).matches()) {
      findings.add(Finding.error("StepwiseMemory",
          "memory \"" + memory + "\" is not a valid size: use an integer and a unit matching "
              + MEMORY.pattern() + ", e.g. \"4GiB\" (binary units are powers of 1024, KB/MB/GB..."
              + " powers of 1000).",
          method, resources.mirror(), resources.explicit("memory")));
    } else if (!memory.isEmpty() && isZero(memory)) {
      findings.add(Finding.error("StepwiseMemory",
          "memory \"" + memory + "\" is zero: use a size above 0, e.g. \"4GiB\", or leave memory unset.",
          method, resources.mirror(), resources.explicit("memory")));
    }
    double cpu = resources.doubleValue("cpuCount");
    if (Double.isNaN(cpu) || Double.isInfinite(cpu) || cpu < 0) {
      findings.add(Finding.error("StepwiseCpuCount",
          "cpuCount " + cpu + " is not valid: use a finite number of cores >= 0, e.g. 2 or 0.5"
              + " (0 means unset).",
          method, resources.mirror(), resources.explicit("cpuCount")));
    }
    int gpu = resources.intValue("gpuCount");
    if (gpu < 0) {
      findings.add(Finding.error("StepwiseGpuCount",
          "gpuCount " + gpu + " is negative: use the number of GPUs per executor, >= 0 (0 means"
              + " none).",
          method, resources.mirror(), resources.explicit("gpuCount")));
    }
    return ValidationReport.of(findings);
  }

  /** Whether the number in a size such as {@code 0GiB} or {@code 000m} is zero (the runtime refuses it). */
  static boolean isZero(String size) {
    int digits = 0;
    while (digits < size.length() && Character.isDigit(size.charAt(digits))) {
      digits++;
    }
    return digits > 0 && size.substring(0, digits).chars().allMatch(c -> c == '0');
  }
}
