/**
 * Health, Prometheus metrics and the retention duty.
 */
package io.kronforce.controller.system;
