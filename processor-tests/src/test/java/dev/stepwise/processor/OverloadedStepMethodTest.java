package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.stepwise.step.StepProgram;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A step method may share its name with plain (non-{@code @Step}) overloads; the generated
 * entrypoint must still call the step itself, not fail as an ambiguous call.
 */
class OverloadedStepMethodTest {

  @Test
  void entrypointCallsTheStepOverloadWhenAPlainOverloadExists() throws Exception {
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
    StepProgram program = (StepProgram) new GeneratedCodeTest.CompiledClassLoader(compilation)
        .loadClass("com.acme.Sizes_SizeStepEntrypoint").getConstructor().newInstance();
    // the @Step overload measures the text; the (Integer, Long) one would return the count itself
    assertEquals(5, program.invoke(GeneratedCodeTest.inputs(Map.of("text", "abcde", "minimum", 2L))));
  }
}
