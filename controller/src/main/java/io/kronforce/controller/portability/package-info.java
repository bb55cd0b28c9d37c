/**
 * Export, import and delete-all of the user's data (docs/reference/rest.md#data-export-import-and-delete-all):
 * {@link io.kronforce.controller.portability.DataExport} writes upstream's export document (jobs with their
 * versions, groups, settings, variables, connections and, beyond upstream, scripts) with secrets sealed under
 * the controller's key or left out and listed; {@link io.kronforce.controller.portability.DataImport} plans an
 * import item by item and applies it in one transaction, or changes nothing; {@link
 * io.kronforce.controller.portability.DataWipe} empties the data and keeps what lets the admin in.
 */
package io.kronforce.controller.portability;
