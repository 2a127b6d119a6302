package dev.stepwise.processor.validation;

import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One problem found by a validator, aimed at the most precise target javac can point at: an
 * element, one of its annotations, or one value of that annotation.
 *
 * @param kind {@code ERROR} or {@code WARNING}
 * @param tag a stable tag such as {@code StepwiseMemory}, printed as {@code [StepwiseMemory]}
 * @param message what is wrong and how to fix it
 */
public record Finding(
    Diagnostic.Kind kind,
    String tag,
    String message,
    Element element,
    Optional<AnnotationMirror> annotation,
    Optional<AnnotationValue> value) {

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(value, "value");
  }

  public static Finding error(String tag, String message, Element element) {
    return new Finding(Diagnostic.Kind.ERROR, tag, message, element, Optional.empty(), Optional.empty());
  }

  /** An error on {@code annotation}, or on its {@code value} when the value was written explicitly. */
  public static Finding error(
      String tag, String message, Element element, AnnotationMirror annotation,
      Optional<AnnotationValue> value) {
    return new Finding(Diagnostic.Kind.ERROR, tag, message, element, Optional.of(annotation), value);
  }

  public static Finding warning(
      String tag, String message, Element element, AnnotationMirror annotation,
      Optional<AnnotationValue> value) {
    return new Finding(Diagnostic.Kind.WARNING, tag, message, element, Optional.of(annotation), value);
  }

  public boolean isError() {
    return kind == Diagnostic.Kind.ERROR;
  }

  /** The message as printed: {@code [Tag] message}. */
  public String text() {
    return "[" + tag + "] " + message;
  }

  public void printTo(Messager messager) {
    if (annotation.isEmpty()) {
      messager.printMessage(kind, text(), element);
    } else if (value.isEmpty()) {
      messager.printMessage(kind, text(), element, annotation.get());
    } else {
      messager.printMessage(kind, text(), element, annotation.get(), value.get());
    }
  }
}
