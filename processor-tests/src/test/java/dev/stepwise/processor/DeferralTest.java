package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.stepwise.processor.StepCompiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** A step whose types another processor generates is processed in a later round, not rejected. */
class DeferralTest {

  /** Generates {@code com.acme.Generated Point} in its first round, like AutoValue or Immutables would. */
  static final class PointGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("com.acme.GeneratedPoint").openWriter()) {
          w.write("package com.acme;\npublic record GeneratedPoint(int x, int y) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void stepWithATypeGeneratedInALaterRoundIsProcessed() {
    Compilation c = javac()
        .withProcessors(new PointGenerator(), new StepProcessor())
        .compile(source("Shapes", """
            import dev.stepwise.annotations.Step;

            public class Shapes {
              @Step public static GeneratedPoint origin(GeneratedPoint p) { return p; }
            }
            """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.Shapes_OriginStepEntrypoint")
        .contentsAsUtf8String().contains("\"p\", GeneratedPoint.class");
    assertThat(c).generatedSourceFile("com.acme.ShapesSteps");
  }
}
