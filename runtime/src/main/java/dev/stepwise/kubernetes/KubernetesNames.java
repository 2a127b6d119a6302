package dev.stepwise.kubernetes;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes' naming rules (RFC 1123 labels and subdomains, label keys and values), and making names fit them. */
public final class KubernetesNames {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private KubernetesNames() {}

  public static boolean isDnsLabel(String name) {
    return name != null && DNS_LABEL.matcher(name).matches();
  }

  public static boolean isDnsSubdomain(String name) {
    return name != null && name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
  }

  /** A label or annotation key: {@code [dns-subdomain/]name}. */
  public static boolean isQualifiedName(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return NAME.matcher(key).matches();
    }
    return isDnsSubdomain(key.substring(0, slash)) && NAME.matcher(key.substring(slash + 1)).matches();
  }

  public static boolean isLabelValue(String value) {
    return value != null && LABEL_VALUE.matcher(value).matches();
  }

  /** {@code text} made into a label value: other characters become '-', cut to 63, trimmed to alphanumerics. */
  public static String labelValue(String text) {
    String value = text.replaceAll("[^A-Za-z0-9_.-]", "-");
    if (value.length() > 63) {
      value = value.substring(0, 63);
    }
    return value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }

  /** {@code text} made into a DNS label of at most {@code max} characters. */
  public static String dnsLabel(String text, int max) {
    String value = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
    if (value.length() > max) {
      value = value.substring(0, max);
    }
    value = value.replaceAll("^-+", "").replaceAll("-+$", "");
    return value.isEmpty() ? "x" : value;
  }
}
