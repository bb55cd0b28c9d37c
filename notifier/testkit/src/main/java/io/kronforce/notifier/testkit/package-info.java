/** Test helpers for channel modules: a loopback recording HTTP peer and sample notifications. */
package io.kronforce.notifier.testkit;
