/**
 * Step caching: the cache key of a step (the bytecode of the user's classes it reaches, the library
 * jars' digests, its literal inputs, its upstream steps' keys and its result-shaping settings), the
 * cache entries kept in the artifact store, and the explanation of each hit or miss. Resources, the
 * master, the step operator, the stack and the run id never enter a key. May import {@code
 * artifact}, {@code discovery}, {@code step} and {@code support}.
 */
package dev.stepwise.cache;
