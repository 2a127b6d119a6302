/**
 * The {@code spark-kubernetes} step-operator flavor: submission through Spark's own Kubernetes
 * client with an image the stack builds, driver pods followed with fabric8, environment in a
 * pod-owned Secret, pod previews and RBAC. May import {@code spark}, {@code image},
 * {@code operator}, {@code artifact}, {@code secret}, {@code flavor}, {@code stack}, {@code step}
 * and {@code support}.
 */
package dev.stepwise.kubernetes;
