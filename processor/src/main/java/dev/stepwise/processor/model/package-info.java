/**
 * The immutable model of validated steps (records), built only from clean validation results.
 * May import the JDK and JavaPoet's type names; codegen reads it, and nothing in it touches javac's
 * processing environment.
 */
package dev.stepwise.processor.model;
