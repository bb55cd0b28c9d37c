/**
 * What the list endpoints filter by and show beside the core nouns: the filters of the job,
 * execution and audit lists, audit entries, job versions, stored keys and stored scripts. The
 * store returns them and the front doors render them, so they live below both.
 */
package io.kronforce.controller.domain.listing;
