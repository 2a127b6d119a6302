package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A step method may share its name with plain (non-{@code @Step}) overloads; the generated
 * entrypoint must still call the step itself, not fail as an ambiguous call.
 */
class OverloadedStepMethodTest {

  @Test
  void entrypointCallsTheStepOverloadWhenAPlainOverloadExists() {
    Compilation compilation = StepCompiler.compile(StepCompiler.source("Sizes", """
        import dev.stepwise.annotations.Step;
        import java.util.List;

        public class Sizes {
          @Step
          public static int size(String text, long minimum) {
            return Math.max(text.length(), (int) minimum);
          }

          public static int size(List<String> words, long minimum) {
            return Math.max(words.size(), (int) minimum);
          }

          public static int size(Integer count, Long minimum) {
            return count;
          }
        }
        """));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Sizes_SizeStepEntrypoint")
        .contentsAsUtf8String()
        .contains("return Sizes.size(inputs.<String>value(\"text\"), inputs.<Long>value(\"minimum\"));");
  }
}
