/**
 * Local execution: runs tasks inside the controller through the worker runtime's task host
 * ({@code io.kronforce.worker.host}, the same code path agents and workers use) on virtual threads,
 * bounded by a slot count, and adds what only the controller needs: live output for SSE viewers,
 * secret masking and the shutdown grace. Knows nothing about HTTP or the store; results go back
 * through {@link io.kronforce.controller.exec.RunListener}.
 */
package io.kronforce.controller.exec;
