/**
 * The application: settings from the environment, the hand-written composition root, and the
 * command line. The only package that reads the wall clock or the environment directly.
 */
package io.kronforce.controller.main;
