package dev.stepwise.flavor;

/**
 * One reason a stack cannot run: which component (or missing component type) and what to do.
 *
 * @param componentType the type of the missing or unsuitable component
 * @param componentName the component at fault, or empty when one is missing
 * @param message what is wrong and how to fix it, as a sentence for the user
 */
public record StackProblem(ComponentType componentType, String componentName, String message) {}
