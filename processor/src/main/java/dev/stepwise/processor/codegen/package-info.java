/**
 * Turns the model into files with JavaPoet: per step an entrypoint class with {@code main} and a
 * metadata resource, per declaring class a typed launcher stub. Output is reproducible byte for
 * byte. May import {@code model}, JavaPoet and the JDK.
 */
package dev.stepwise.processor.codegen;
