/**
 * The events feed and the audit log: written inside the transactions of the use cases that cause
 * them, published to subscribers after the commit, and read back for the API.
 */
package io.kronforce.controller.journal;
