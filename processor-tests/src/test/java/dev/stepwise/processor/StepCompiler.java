package dev.stepwise.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, against the test classpath (runtime, Spark, Jackson). */
final class StepCompiler {
  private StepCompiler() {}

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new StepProcessor()).compile(sources);
  }

  /** A source {@code com.acme.<simpleName>} whose body is {@code text} after the package line. */
  static JavaFileObject source(String simpleName, String text) {
    return JavaFileObjects.forSourceString("com.acme." + simpleName, "package com.acme;\n\n" + text);
  }

  /** The fixtures under src/test/resources/fixtures. */
  static JavaFileObject fixture(String path) {
    return JavaFileObjects.forResource("fixtures/" + path);
  }
}
