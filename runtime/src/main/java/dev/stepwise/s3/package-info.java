/**
 * The {@code s3} artifact store flavor over the AWS SDK, its preflight, and the S3A settings that
 * give Spark steps the same store with credentials only in the environment. May import
 * {@code artifact}, {@code spark} (its io layer), {@code flavor}, {@code secret}, {@code stack}
 * and {@code support}.
 */
package dev.stepwise.s3;
