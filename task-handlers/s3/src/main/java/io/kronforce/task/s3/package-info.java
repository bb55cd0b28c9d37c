/**
 * The {@code s3} task type (beyond upstream): put, get and list objects with the AWS SDK for Java
 * v2 over its URL-connection HTTP client, against AWS or an S3-compatible server.
 *
 * <p>Depends on the task SPI and the SDK only. The SDK's own retries are off: the scheduler owns
 * retries.
 */
package io.kronforce.task.s3;
