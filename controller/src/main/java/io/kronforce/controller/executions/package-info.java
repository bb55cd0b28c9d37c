/**
 * The execution core: a run is admitted through the {@code FireGate} (pending, pending approval,
 * queued or skipped, in the caller's write), dispatched locally or to {@code RemoteDispatch}, and
 * completed by {@code Completion} — output rules, retry plan and {@code execution.completed} in one
 * transaction — which then tells its {@code FinishListener}s. Also approval, cancellation and
 * start-up recovery. Knows nothing of what fires runs ({@code firing}) or where agents live.
 */
package io.kronforce.controller.executions;
