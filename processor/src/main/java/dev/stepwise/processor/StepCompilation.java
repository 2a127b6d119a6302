package dev.stepwise.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.stepwise.processor.codegen.EntrypointGenerator;
import dev.stepwise.processor.codegen.MetadataGenerator;
import dev.stepwise.processor.codegen.StubGenerator;
import dev.stepwise.processor.model.StepModel;
import dev.stepwise.processor.validation.Finding;
import dev.stepwise.processor.validation.KnownNames;
import dev.stepwise.processor.validation.MaterializableTypes;
import dev.stepwise.processor.validation.OrphanSettingsValidator;
import dev.stepwise.processor.validation.PresentAnnotation;
import dev.stepwise.processor.validation.ResourceSettingsValidator;
import dev.stepwise.processor.validation.SparkSettingsValidator;
import dev.stepwise.processor.validation.StepAnnotationValidator;
import dev.stepwise.processor.validation.StepClassValidator;
import dev.stepwise.processor.validation.StepMethodValidator;
import dev.stepwise.processor.validation.StepNameRegistry;
import dev.stepwise.processor.validation.StepTypesValidator;
import dev.stepwise.processor.validation.ValidationReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * The processor's state over all rounds of one compilation: validates each class's steps, writes
 * the files of the valid ones, and defers classes whose step types are not generated yet.
 */
final class StepCompilation {

  private final Elements elements;
  private final Messager messager;
  private final Filer filer;
  private final StepClassValidator classValidator = new StepClassValidator();
  private final StepMethodValidator methodValidator = new StepMethodValidator();
  private final StepAnnotationValidator stepValidator = new StepAnnotationValidator();
  private final ResourceSettingsValidator resourcesValidator = new ResourceSettingsValidator();
  private final SparkSettingsValidator sparkValidator = new SparkSettingsValidator();
  private final StepTypesValidator typesValidator;
  private final OrphanSettingsValidator orphanValidator;
  private final StepNameRegistry names = new StepNameRegistry();
  private final StepReader reader;
  private final EntrypointGenerator entrypoints;
  private final StubGenerator stubs;
  private final MetadataGenerator metadata = new MetadataGenerator();

  /** Classes whose steps mention types not generated yet, by qualified name (elements go stale). */
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> done = new HashSet<>();

  StepCompilation(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.messager = env.getMessager();
    this.filer = env.getFiler();
    this.typesValidator = new StepTypesValidator(new MaterializableTypes(elements, env.getTypeUtils()));
    this.orphanValidator = new OrphanSettingsValidator(elements);
    this.reader = new StepReader(elements);
    boolean generatedAvailable = elements.getTypeElement("javax.annotation.processing.Generated") != null;
    this.entrypoints = new EntrypointGenerator(generatedAvailable);
    this.stubs = new StubGenerator(generatedAvailable);
  }

  /**
   * @param annotations the Stepwise annotations present in this round: when none are (the rounds
   *     that only bring our own generated code), nothing has to be scanned for them
   */
  void round(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> settingsTypes = new LinkedHashSet<>();
    TypeElement stepType = null;
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (name.equals(KnownNames.STEP)) {
        stepType = annotation;
      } else if (name.equals(KnownNames.RESOURCE_SETTINGS) || name.equals(KnownNames.SPARK_SETTINGS)) {
        settingsTypes.add(annotation);
      }
    }
    if (!settingsTypes.isEmpty()) {
      round.getElementsAnnotatedWithAny(settingsTypes.toArray(TypeElement[]::new)).forEach(e -> orphanValidator.validate(e).printTo(messager));
    }

    Map<String, TypeElement> classes = new LinkedHashMap<>();
    for (String name : deferred) {
      Optional.ofNullable(elements.getTypeElement(name)).ifPresent(t -> classes.put(name, t));
    }
    deferred.clear();
    Set<? extends Element> stepMethods = stepType == null ? Set.of() : round.getElementsAnnotatedWith(stepType);
    for (Element e : stepMethods) {
      if (e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement type) {
        classes.putIfAbsent(type.getQualifiedName().toString(), type);
      }
    }
    classes.forEach((name, type) -> {
      if (!done.contains(name)) {
        process(name, type);
      }
    });
  }

  /** Last round: what is still unresolved will stay so; say which types, where. */
  void finish() {
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type == null) {
        continue;
      }
      for (ExecutableElement method : stepMethods(type).keySet()) {
        for (VariableElement p : method.getParameters()) {
          if (MaterializableTypes.isUnresolved(p.asType())) {
            Finding.error("StepwiseUnresolvedType",
                "Type " + p.asType() + " of parameter '" + p.getSimpleName() + "' of step "
                    + method.getSimpleName() + " could not be resolved, so no entrypoint was"
                    + " generated. Fix the type's name or import, or make sure it is generated.",
                p).printTo(messager);
          }
        }
        if (MaterializableTypes.isUnresolved(method.getReturnType())) {
          Finding.error("StepwiseUnresolvedType",
              "Return type " + method.getReturnType() + " of step " + method.getSimpleName()
                  + " could not be resolved, so no entrypoint was generated. Fix the type's name"
                  + " or import, or make sure it is generated.",
              method).printTo(messager);
        }
      }
    }
    deferred.clear();
  }

  private void process(String name, TypeElement type) {
    Map<ExecutableElement, PresentAnnotation> steps = stepMethods(type);
    boolean unresolved = steps.keySet().stream().anyMatch(m ->
        MaterializableTypes.isUnresolved(m.getReturnType())
            || m.getParameters().stream().anyMatch(p -> MaterializableTypes.isUnresolved(p.asType())));
    if (unresolved) {
      deferred.add(name);
      return;
    }
    done.add(name);
    ValidationReport classReport = classValidator.validate(type);
    classReport.printTo(messager);
    ValidationReport nameReport = names.register(type, List.copyOf(steps.keySet()), steps);
    List<StepModel> valid = new ArrayList<>();
    steps.forEach((method, step) -> {
      // read once: validation and the model both need them
      Optional<PresentAnnotation> resources = PresentAnnotation.find(method, KnownNames.RESOURCE_SETTINGS, elements);
      Optional<PresentAnnotation> spark = PresentAnnotation.find(method, KnownNames.SPARK_SETTINGS, elements);
      ValidationReport report = validate(method, step, resources, spark).plus(ValidationReport.of(
          nameReport.findings().stream().filter(f -> f.element().equals(method)).toList()));
      report.printTo(messager);
      if (report.isClean() && classReport.isClean()) {
        StepModel model = reader.read(method, step, resources, spark);
        valid.add(model);
        write(entrypoints.generate(model, method), method);
        writeMetadata(model, method);
      }
    });
    if (!valid.isEmpty()) {
      write(stubs.generate(ClassName.get(type), valid, type), type);
    }
  }

  private ValidationReport validate(ExecutableElement method, PresentAnnotation step,
      Optional<PresentAnnotation> resources, Optional<PresentAnnotation> spark) {
    ValidationReport report = methodValidator.validate(method)
        .plus(stepValidator.validate(method, step))
        .plus(typesValidator.validate(method));
    if (resources.isPresent()) {
      report = report.plus(resourcesValidator.validate(method, resources.get()));
    }
    if (spark.isPresent()) {
      report = report.plus(sparkValidator.validate(method, spark.get(), resources, step.string("stepOperator")));
    }
    return report;
  }

  /** The {@code @Step} methods of {@code type} in source order, with their annotation. */
  private Map<ExecutableElement, PresentAnnotation> stepMethods(TypeElement type) {
    Map<ExecutableElement, PresentAnnotation> steps = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      PresentAnnotation.find(method, KnownNames.STEP, elements).ifPresent(a -> steps.put(method, a));
    }
    return steps;
  }

  private void write(JavaFile file, Element origin) {
    // render in memory and hand the Filer one string: JavaPoet writing straight to the Filer's
    // unbuffered writer pays the charset encoder for every small token
    String text = file.toString();
    String name = file.packageName().isEmpty()
        ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
    try (Writer w = filer.createSourceFile(name, origin).openWriter()) {
      w.write(text);
    } catch (IOException e) {
      Finding.error("StepwiseWriteFailed",
          "Could not write " + file.packageName() + "." + file.typeSpec().name() + ": " + e.getMessage()
              + ". Remove the class of that name if you declared one; it is generated.",
          origin).printTo(messager);
    }
  }

  private void writeMetadata(StepModel model, ExecutableElement method) {
    String path = MetadataGenerator.resourcePath(model);
    try (Writer w = new OutputStreamWriter(
        filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, method).openOutputStream(),
        StandardCharsets.UTF_8)) {
      w.write(metadata.generate(model));
    } catch (IOException e) {
      Finding.error("StepwiseWriteFailed", "Could not write " + path + ": " + e.getMessage() + ".", method)
          .printTo(messager);
    }
  }
}
