/**
 * Job templates (docs/reference/rest.md#templates): named partial job definitions, upstream's eight
 * seeded at first start. {@link io.kronforce.controller.templates.Templates} saves, lists and
 * deletes them, saves a job as one, and creates a job from one with its parameters filled in
 * ({@link io.kronforce.controller.templates.TemplateParameters}) through the jobs catalogue, so a
 * job made from a template is checked like any other.
 */
package io.kronforce.controller.templates;
