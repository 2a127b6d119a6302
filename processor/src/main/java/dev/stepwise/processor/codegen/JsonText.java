package dev.stepwise.processor.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON tree and pretty printer: objects keep insertion order, strings are escaped per
 * RFC 8259. Enough for the metadata resources, without a JSON library in the processor.
 */
sealed interface JsonText {

  static JsonText of(String s) {
    return s == null ? Literal.NULL : new Str(s);
  }

  static JsonText of(double d) {
    return new Literal(Double.toString(d));
  }

  static JsonText of(long l) {
    return new Literal(Long.toString(l));
  }

  static JsonText of(boolean b) {
    return new Literal(Boolean.toString(b));
  }

  static Arr strings(List<String> values) {
    return new Arr(values.stream().map(JsonText::of).toList());
  }

  /** Pretty-printed with two-space indentation and a final newline. */
  default String print() {
    StringBuilder out = new StringBuilder();
    write(out, 0);
    return out.append('\n').toString();
  }

  void write(StringBuilder out, int depth);

  record Literal(String text) implements JsonText {
    static final Literal NULL = new Literal("null");

    @Override
    public void write(StringBuilder out, int depth) {
      out.append(text);
    }
  }

  record Str(String value) implements JsonText {
    @Override
    public void write(StringBuilder out, int depth) {
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }

  record Arr(List<JsonText> elements) implements JsonText {
    public Arr {
      elements = List.copyOf(elements);
    }

    @Override
    public void write(StringBuilder out, int depth) {
      if (elements.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < elements.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
        elements.get(i).write(out, depth + 1);
      }
      out.append('\n').append("  ".repeat(depth)).append(']');
    }
  }

  /** An object under construction; members print in the order they were put. */
  final class Obj implements JsonText {
    private final Map<String, JsonText> members = new LinkedHashMap<>();

    Obj put(String name, JsonText value) {
      members.put(name, value);
      return this;
    }

    @Override
    public void write(StringBuilder out, int depth) {
      if (members.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      List<Map.Entry<String, JsonText>> entries = new ArrayList<>(members.entrySet());
      for (int i = 0; i < entries.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
        new Str(entries.get(i).getKey()).write(out, depth + 1);
        out.append(": ");
        entries.get(i).getValue().write(out, depth + 1);
      }
      out.append('\n').append("  ".repeat(depth)).append('}');
    }
  }
}
