package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepwise.processor.StepCompiler.compile;
import static dev.stepwise.processor.StepCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The typed stubs: correct wiring compiles, mis-wiring is a compile error. */
class WiringTest {

  private static final JavaFileObject STEPS = source("Words", """
      import dev.stepwise.annotations.Step;
      import java.util.List;

      public class Words {
        @Step public static String load(String path) { return path; }
        @Step public static long count(String text) { return text.length(); }
        @Step public static void report(long words, String label) {}
        @Step public static List<String> split(String text) { return List.of(text); }
        @Step public static void many(int a, int b, int c, int d) {}
      }
      """);

  @Test
  void wiringOutputsIntoMatchingParametersCompiles() {
    Compilation c = compile(STEPS, source("Flow", """
        import dev.stepwise.pipeline.StepOutput;

        public class Flow {
          static void define() {
            StepOutput<String> text = WordsSteps.load("book.txt");
            StepOutput<Long> words = WordsSteps.count(text);
            StepOutput<Void> done = WordsSteps.report(words, "total");
            WordsSteps.report(3L, text);
            WordsSteps.report(words, text);
            WordsSteps.report(7, "literal");
            StepOutput<java.util.List<String>> parts = WordsSteps.split(text);
            WordsSteps.many(1, 2, 3, 4);
            WordsSteps.many(WordsSteps.count(text).hashCode(), 2, 3, 4);
          }
        }
        """));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void wiringALongOutputIntoAStringParameterDoesNotCompile() {
    JavaFileObject flow = source("Flow", """
        import dev.stepwise.pipeline.StepOutput;

        public class Flow {
          static void define() {
            StepOutput<Long> words = WordsSteps.count("some text");
            WordsSteps.count(words);
          }
        }
        """);
    Compilation c = compile(STEPS, flow);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("no suitable method found for count(dev.stepwise.pipeline.StepOutput<java.lang.Long>)")
        .inFile(flow).onLineContaining("WordsSteps.count(words);");
  }

  @Test
  void wiringAListOutputIntoAStringParameterDoesNotCompile() {
    JavaFileObject flow = source("Flow", """
        public class Flow {
          static void define() {
            WordsSteps.report(1L, WordsSteps.split("a b"));
          }
        }
        """);
    Compilation c = compile(STEPS, flow);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("no suitable method found for report")
        .inFile(flow).onLineContaining("WordsSteps.report(1L, WordsSteps.split(\"a b\"));");
  }

  @Test
  void aStepWithMoreThanThreeInputsHasOnlyAllInputAndAllLiteralOverloads() {
    JavaFileObject flow = source("Flow", """
        public class Flow {
          static void define() {
            WordsSteps.many(dev.stepwise.pipeline.Input.of(1), 2, 3, 4);
          }
        }
        """);
    Compilation c = compile(STEPS, flow);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("no suitable method found for many").inFile(flow).onLineContaining("WordsSteps.many(");
  }
}
