/**
 * Load driver for the packaged controller: startup, idle memory, API latency and durable
 * execution throughput, each divided by a baseline measured in the same run (see
 * {@code bench/README.md}). Talks to 127.0.0.1 only, and every loop stops by itself.
 * Depends on the JDK only, plus Helidon WebServer for the hello-world baseline.
 */
package io.kronforce.bench;
