/** The tables behind the {@code resources} and {@code templates} use cases: variables, connections, scripts, settings, job templates. */
package io.kronforce.controller.store.resources;
