/**
 * A job's editable fields as records: {@link io.kronforce.controller.domain.spec.JobSpec} is parsed
 * once from the stored (already validated) wire form and written back to exactly that form.
 *
 * <p>The task's own settings, the output rules, the notification rule and the parameter definitions
 * stay JSON documents: plug-ins and their own readers interpret them (see
 * docs/decisions/0003-json-documents.md).
 */
package io.kronforce.controller.domain.spec;
