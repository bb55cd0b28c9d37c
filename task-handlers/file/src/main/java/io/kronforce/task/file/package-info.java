/**
 * The {@code file_push} task type: write base64 content to a file under a destination root.
 *
 * <p>Depends on the task SPI only. Owns the path rules that keep a push inside its root
 * ({@code ..}, absolute names, symbolic links) and the atomic, mode-preserving write.
 */
package io.kronforce.task.file;
