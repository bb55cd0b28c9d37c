package io.kronforce.controller.domain.listing;

/** A stored script with its code. */
public record StoredScript(ScriptSummary summary, String code) {}
