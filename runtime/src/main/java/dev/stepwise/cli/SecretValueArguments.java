package dev.stepwise.cli;

import dev.stepwise.secret.SecretException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code --key=value} / {@code --key value} arguments into secret values. A value of {@code -}
 * is read from stdin so it stays out of shell history: with one such key, all of stdin (without its
 * final newline); with several, one line each, in the order given.
 */
final class SecretValueArguments {
  static final String FROM_STDIN = "-";

  private SecretValueArguments() {}

  static Map<String, String> parse(List<String> arguments, InputStream stdin) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < arguments.size(); i++) {
      String arg = arguments.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new SecretException("unexpected argument '" + arg + "': give secret values as --key=value,"
            + " or --key=- to read the value from stdin");
      }
      String key;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        key = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
        key = arg.substring(2);
        value = arguments.get(++i);
      } else {
        throw new SecretException("'" + arg + "' has no value: write " + arg + "=VALUE, or " + arg
            + "=- to read it from stdin");
      }
      if (values.containsKey(key)) {
        throw new SecretException("key '" + key + "' is given twice; give each key once");
      }
      values.put(key, value);
    }
    return readStdinValues(values, stdin);
  }

  private static Map<String, String> readStdinValues(Map<String, String> values, InputStream stdin) {
    List<String> fromStdin = values.entrySet().stream()
        .filter(e -> e.getValue().equals(FROM_STDIN)).map(Map.Entry::getKey).toList();
    if (fromStdin.isEmpty()) {
      return values;
    }
    try {
      if (fromStdin.size() == 1) {
        String all = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        values.put(fromStdin.get(0), all.endsWith("\r\n") ? all.substring(0, all.length() - 2)
            : all.endsWith("\n") ? all.substring(0, all.length() - 1) : all);
        return values;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      for (String key : fromStdin) {
        String line = lines.readLine();
        if (line == null) {
          throw new SecretException("stdin ended before the value of '" + key + "': give one line per key"
              + " marked '-' (" + String.join(", ", fromStdin) + "), in that order");
        }
        values.put(key, line);
      }
      return values;
    } catch (IOException e) {
      throw new SecretException("could not read secret values from stdin: " + e.getMessage(), e);
    }
  }
}
