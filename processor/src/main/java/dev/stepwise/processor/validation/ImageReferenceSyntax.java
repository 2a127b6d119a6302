package dev.stepwise.processor.validation;

import java.util.regex.Pattern;

/**
 * The grammar of a container image reference ({@code [host[:port]/]path[:tag][@algorithm:hex]},
 * as the OCI distribution spec and Docker's reference package define it), plus the two parents
 * Stepwise's image builder also takes: {@code scratch} and an absolute {@code tar:///} file.
 */
final class ImageReferenceSyntax {
  private static final String HOST_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST = HOST_COMPONENT + "(?:\\." + HOST_COMPONENT + ")*(?::[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE = Pattern.compile(
      "(?:" + HOST + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");
  private static final Pattern TAR = Pattern.compile("tar:///\\S+");

  private ImageReferenceSyntax() {}

  static boolean isParentImage(String text) {
    return text.equals("scratch") || TAR.matcher(text).matches()
        || (text.length() <= 255 && REFERENCE.matcher(text).matches());
  }
}
