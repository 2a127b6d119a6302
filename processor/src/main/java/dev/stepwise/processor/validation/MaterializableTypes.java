package dev.stepwise.processor.validation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides whether a materializer can store a type. Answers with the reason a type is not
 * supported; empty means supported.
 */
public final class MaterializableTypes {

  /** Named in every rejection, so the message always says what would work. */
  public static final String SUPPORTED =
      "primitives and their boxes, String, BigDecimal, BigInteger, enums, byte[], records, public"
          + " classes with a public no-argument or @JsonCreator constructor, List/Set/Map of those (Map keys: String,"
          + " boxed primitives or enums), Dataset<Row> (with a SparkSession parameter), and Spark"
          + " ML MLWritable types such as PipelineModel";

  private static final Set<String> SCALARS = Set.of(
      "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
      "java.lang.Integer", "java.lang.Long", "java.lang.Character", "java.lang.Float",
      "java.lang.Double", "java.math.BigDecimal", "java.math.BigInteger");
  private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Set");
  private static final String MAP = "java.util.Map";

  private final Types types;
  private final Optional<TypeMirror> mlWritable;

  public MaterializableTypes(Elements elements, Types types) {
    this.types = types;
    // absent from the classpath: then nothing is MLWritable
    this.mlWritable = Optional.ofNullable(elements.getTypeElement(KnownNames.ML_WRITABLE))
        .map(e -> types.erasure(e.asType()));
  }

  /** Whether {@code type} is, or contains, a type the compiler could not resolve (yet). */
  public static boolean isUnresolved(TypeMirror type) {
    return switch (type.getKind()) {
      case ERROR -> true;
      case ARRAY -> isUnresolved(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().anyMatch(MaterializableTypes::isUnresolved);
      default -> false;
    };
  }

  public static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  /** {@code Dataset<Row>} exactly. */
  public static boolean isDatasetOfRow(TypeMirror type) {
    if (!isNamed(type, KnownNames.DATASET)) {
      return false;
    }
    List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
    return args.size() == 1 && isNamed(args.get(0), KnownNames.ROW);
  }

  /** Why a step's parameter or return type cannot be stored; empty when it can. */
  public Optional<String> problemAsStepType(TypeMirror type) {
    if (isNamed(type, KnownNames.DATASET)) {
      return isDatasetOfRow(type)
          ? Optional.empty()
          : Optional.of("only Dataset<Row> is supported among Spark Datasets (convert with .toDF())");
    }
    if (isMlWritable(type)) {
      return Optional.empty();
    }
    return problemAsValue(type);
  }

  private boolean isMlWritable(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && mlWritable.filter(w -> types.isAssignable(types.erasure(type), w)).isPresent();
  }

  private Optional<String> problemAsValue(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE:
        return Optional.empty();
      case ARRAY:
        return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE
            ? Optional.empty()
            : Optional.of("arrays other than byte[] are not supported (use a List)");
      case TYPEVAR:
        return Optional.of(type + " is a type variable");
      case WILDCARD:
        return Optional.of(type + " is a wildcard");
      case DECLARED:
        return problemAsDeclared((DeclaredType) type);
      default:
        return Optional.of(type + " is not a storable value type");
    }
  }

  private Optional<String> problemAsDeclared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = type.getTypeArguments();
    if (SCALARS.contains(name) || element.getKind() == ElementKind.ENUM) {
      return Optional.empty();
    }
    if (COLLECTIONS.contains(name)) {
      return args.isEmpty()
          ? Optional.of("raw " + element.getSimpleName() + " has no element type (use e.g. "
              + element.getSimpleName() + "<String>)")
          : problemAsValue(args.get(0));
    }
    if (name.equals(MAP)) {
      if (args.isEmpty()) {
        return Optional.of("raw Map has no key and value types (use e.g. Map<String, Long>)");
      }
      if (!isMapKey(args.get(0))) {
        return Optional.of("Map key " + args.get(0) + " is not a String, boxed primitive or enum");
      }
      return problemAsValue(args.get(1));
    }
    if (name.equals(KnownNames.DATASET) || name.equals(KnownNames.SPARK_SESSION) || isMlWritable(type)) {
      return Optional.of(element.getSimpleName() + " is only supported as a step's own parameter or"
          + " return type, not inside another type");
    }
    if (name.equals("java.lang.Object")) {
      return Optional.of("Object does not say what to store");
    }
    if (element.getKind() == ElementKind.INTERFACE || element.getKind() == ElementKind.ANNOTATION_TYPE) {
      return Optional.of(name + " is an interface");
    }
    if (element.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.of(name + " is abstract");
    }
    if (!isPubliclyReachable(element)) {
      return Optional.of(name + " is not a public top-level or public static nested class");
    }
    if (!element.getTypeParameters().isEmpty() && args.isEmpty()) {
      return Optional.of("raw " + element.getSimpleName() + " has no type arguments");
    }
    if (element.getKind() != ElementKind.RECORD && !hasJacksonConstructor(element)) {
      return Optional.of(name + " has no public no-argument constructor and no @JsonCreator"
          + " constructor, so Jackson cannot create it");
    }
    for (TypeMirror arg : args) {
      Optional<String> problem = problemAsValue(arg);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private boolean isMapKey(TypeMirror key) {
    return key.getKind() == TypeKind.DECLARED
        && (SCALARS.contains(((TypeElement) ((DeclaredType) key).asElement()).getQualifiedName().toString())
            || ((DeclaredType) key).asElement().getKind() == ElementKind.ENUM);
  }

  private static boolean isPubliclyReachable(TypeElement element) {
    for (Element e = element; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (!t.getModifiers().contains(Modifier.PUBLIC)
          || t.getNestingKind() == NestingKind.LOCAL
          || t.getNestingKind() == NestingKind.ANONYMOUS
          || (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasJacksonConstructor(TypeElement element) {
    for (ExecutableElement c : ElementFilter.constructorsIn(element.getEnclosedElements())) {
      if (c.getModifiers().contains(Modifier.PUBLIC) && c.getParameters().isEmpty()) {
        return true;
      }
      boolean creator = c.getAnnotationMirrors().stream()
          .anyMatch(a -> isNamed(a.getAnnotationType(), KnownNames.JSON_CREATOR));
      if (creator) {
        return true;
      }
    }
    return false;
  }
}
