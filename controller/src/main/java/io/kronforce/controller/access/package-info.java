/**
 * Who may call: API keys (stored as SHA-256, with roles, expiry and CIDR allow-lists) and the
 * one-shot stream tickets a browser's EventSource presents instead of a header.
 */
package io.kronforce.controller.access;
