package io.kronforce.controller.portability;

/** The feature's three use cases, as the front door takes them. */
public record Portability(DataExport export, DataImport imports, DataWipe wipe) {}
