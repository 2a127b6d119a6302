package dev.stepwise.stack;

import java.util.regex.Pattern;

/** The names users give components and stacks: safe in files, commands and Kubernetes labels. */
final class Names {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private Names() {}

  static String check(String what, String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new StackException("'" + name + "' is not a valid " + what + " name: use letters, digits,"
          + " '_', '-' and '.', starting with a letter or digit (at most 63 characters), e.g. spark_stack.");
    }
    return name;
  }
}
