/**
 * Migrating from an upstream (Rust) Kronforce installation ({@code kronforce migrate}, docs/MIGRATING.md):
 * reads upstream's rows through {@code store.upstream}, checks each as our own front doors would,
 * re-seals secrets with this controller's key, writes through our stores in transactions, and
 * reports what was carried and what was not, with the reason.
 */
package io.kronforce.controller.migration;
