/** The tables behind the {@code access} use cases: API keys (hashes only) and the dashboard's sessions. */
package io.kronforce.controller.store.access;
