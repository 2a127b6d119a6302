package dev.stepwise.pipeline;

/**
 * A class that defines a pipeline, so {@code stepwise pipeline run <class>} can run it. It needs a
 * public no-arg constructor.
 *
 * <pre>{@code
 * public class WordCountPipeline implements PipelineDefinition {
 *   public Pipeline pipeline() {
 *     return Pipeline.define("word_count", () -> {
 *       StepOutput<String> text = WordCountSteps.loadText("data/book.txt");
 *       WordCountSteps.countWords(text);
 *     });
 *   }
 * }
 * }</pre>
 */
public interface PipelineDefinition {
  Pipeline pipeline();

  /**
   * The pipeline of the class {@code className}, loaded with {@code loader} and defined now. Every way
   * the class can be unfit (missing, not a definition, no public no-arg constructor, abstract, its
   * definition throws or needs a class that is not on the class path) is a
   * {@link dev.stepwise.support.StepwiseException} that says the fix.
   */
  static Pipeline load(String className, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new dev.stepwise.support.StepwiseException("The class " + className + " is not on the class path"
          + " (" + e + "); check the name, and pass --classpath with the directories or jars that hold it"
          + " and its dependencies.");
    }
    if (!PipelineDefinition.class.isAssignableFrom(type)) {
      throw new dev.stepwise.support.StepwiseException("The class " + className + " does not implement "
          + PipelineDefinition.class.getName() + "; implement it and return your pipeline from pipeline().");
    }
    PipelineDefinition definition;
    try {
      definition = (PipelineDefinition) type.getConstructor().newInstance();
    } catch (NoClassDefFoundError e) {
      throw missingClass(className, e);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new dev.stepwise.support.StepwiseException("The class " + className
          + " needs a public no-arg constructor.");
    } catch (InstantiationException e) {
      throw new dev.stepwise.support.StepwiseException("The class " + className
          + " is abstract; name a concrete class.");
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new dev.stepwise.support.StepwiseException("Defining the pipeline of " + className + " failed: "
          + cause, cause);
    }
    try {
      return definition.pipeline().definedBy(className);
    } catch (NoClassDefFoundError e) {
      throw missingClass(className, e);
    } catch (dev.stepwise.support.StepwiseException e) {
      throw e;
    } catch (RuntimeException e) {
      // the user's definition threw (a bad literal, a missing setting): their mistake, named, not ours
      throw new dev.stepwise.support.StepwiseException("Defining the pipeline of " + className + " failed: " + e, e);
    }
  }

  /** A step's signature names a class (an MLlib model, a library type) this JVM cannot load. */
  private static dev.stepwise.support.StepwiseException missingClass(String className, NoClassDefFoundError e) {
    return new dev.stepwise.support.StepwiseException("Defining the pipeline of " + className + " needs the class "
        + e.getMessage().replace('/', '.') + ", which is not on the class path. Add the jar that holds it to"
        + " --classpath; with Maven, give that dependency the default (compile) scope rather than 'provided', so"
        + " 'dependency:copy-dependencies -DincludeScope=runtime' copies it.", e);
  }
}
