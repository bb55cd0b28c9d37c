/**
 * The HTTP listener's defences against whoever can open TCP connections: a connection budget kept
 * below the process's file-descriptor limit (so accepting never fails with "too many open files",
 * which ends Helidon's accept loop for good) and an idle timeout. Knows no endpoint.
 */
package io.kronforce.controller.listener;
