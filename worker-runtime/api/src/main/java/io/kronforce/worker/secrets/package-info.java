/**
 * Secret settings read from files: {@code KRONFORCE_<NAME>_FILE} names a file holding the value of
 * {@code KRONFORCE_<NAME>}, as container secrets are mounted. The controller and the agents both
 * resolve their environment through it before reading settings, so a launcher need not keep a key
 * in any process's environment.
 *
 * <p>JDK only. No message ever carries a secret's value.
 */
package io.kronforce.worker.secrets;
