package dev.stepwise.processor.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * One annotation as written on an element, read through its mirror so that findings can point at
 * the exact value. Values fall back to the annotation's defaults.
 */
public record PresentAnnotation(
    AnnotationMirror mirror,
    Map<String, AnnotationValue> explicitValues,
    Map<String, AnnotationValue> values) {

  public PresentAnnotation {
    explicitValues = Map.copyOf(explicitValues);
    values = Map.copyOf(values);
  }

  /** The annotation of type {@code annotationName} on {@code element}, if present. */
  public static Optional<PresentAnnotation> find(
      Element element, String annotationName, Elements elements) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationName)) {
        return Optional.of(
            new PresentAnnotation(
                mirror,
                byName(mirror.getElementValues()),
                byName(elements.getElementValuesWithDefaults(mirror))));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code element} carries {@code annotationName}, without reading its values. */
  public static boolean isPresent(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotationName)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, AnnotationValue> byName(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
    Map<String, AnnotationValue> result = new HashMap<>();
    values.forEach((k, v) -> result.put(k.getSimpleName().toString(), v));
    return result;
  }

  /** The value as written, for pointing findings at it; empty when the default applies. */
  public Optional<AnnotationValue> explicit(String name) {
    return Optional.ofNullable(explicitValues.get(name));
  }

  public String string(String name) {
    return (String) value(name).getValue();
  }

  public boolean booleanValue(String name) {
    return (Boolean) value(name).getValue();
  }

  public double doubleValue(String name) {
    return ((Number) value(name).getValue()).doubleValue();
  }

  public int intValue(String name) {
    return ((Number) value(name).getValue()).intValue();
  }

  /** The elements of an array value, each itself an annotation value a finding can point at. */
  @SuppressWarnings("unchecked")
  public List<AnnotationValue> array(String name) {
    return List.copyOf((List<AnnotationValue>) value(name).getValue());
  }

  private AnnotationValue value(String name) {
    AnnotationValue value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no attribute " + name + " on " + mirror);
    }
    return value;
  }
}
