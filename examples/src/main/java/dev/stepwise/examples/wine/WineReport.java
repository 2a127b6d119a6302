package dev.stepwise.examples.wine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Spark step learned: the split sizes, test accuracy and F1, the confusion matrix
 * (rows: true cultivar, columns: predicted) and a chemical profile per cultivar.
 */
public record WineReport(
    long trainRows,
    long testRows,
    double accuracy,
    double f1,
    List<List<Long>> confusion,
    Map<String, CultivarProfile> profiles) {

  /** Means over all wines of one cultivar. */
  public record CultivarProfile(long wines, double alcohol, double flavanoids, double colorIntensity, double proline) {}

  /** A plain-text report. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Wine cultivar classifier (UCI Wine data, %d wines)%n", trainRows + testRows));
    out.append(String.format(Locale.ROOT, "  trained on %d, tested on %d: accuracy %.1f%%, F1 %.3f%n%n",
        trainRows, testRows, accuracy * 100, f1));
    out.append("  confusion matrix (rows: true cultivar, columns: predicted)\n");
    out.append("             class_0  class_1  class_2\n");
    for (int i = 0; i < confusion.size(); i++) {
      List<Long> row = confusion.get(i);
      out.append(String.format(Locale.ROOT, "    class_%d  %7d  %7d  %7d%n", i, row.get(0), row.get(1), row.get(2)));
    }
    out.append("\n  cultivar profiles (means)\n");
    out.append("             wines  alcohol  flavanoids  colour  proline\n");
    profiles.forEach((name, p) -> out.append(String.format(Locale.ROOT, "    %-8s %5d  %7.2f  %10.2f  %6.2f  %7.0f%n",
        name, p.wines(), p.alcohol(), p.flavanoids(), p.colorIntensity(), p.proline())));
    return out.toString();
  }
}
