package dev.stepwise.processor;

import com.google.auto.service.AutoService;
import dev.stepwise.processor.validation.KnownNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Validates {@code @Step} methods and generates, per step, an entrypoint class and a metadata
 * resource, and per declaring class a typed launcher stub. Isolating: every generated file has one
 * originating element.
 */
@AutoService(Processor.class)
public final class StepProcessor extends AbstractProcessor {

  private StepCompilation compilation;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    compilation = new StepCompilation(env);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(KnownNames.STEP, KnownNames.RESOURCE_SETTINGS, KnownNames.SPARK_SETTINGS);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        compilation.finish();
      } else {
        compilation.round(annotations, round);
      }
      // the Stepwise annotations are ours: claiming them keeps -Xlint:processing quiet
      return true;
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[StepwiseInternalError] The Stepwise processor failed; please report this with the"
              + " trace: " + trace);
      return false;
    }
  }
}
