/**
 * The scheduler's nouns: jobs, executions, their states and the legal transitions between them,
 * events, keys and roles. Records are inert; services act on them.
 *
 * <p>Imports the JDK and Jackson's tree model only (task, target and rule documents are opaque
 * JSON that plug-ins interpret; see docs/decisions/0003-json-documents.md).
 */
package io.kronforce.controller.domain;
