/**
 * The AI job builder: a description in, a validated job draft out (never stored), through Anthropic's
 * or OpenAI's official SDK whose HTTP client is replaced by an egress-checked one; the provider's
 * key is a sealed, masked setting. The SDKs load only when AI is first used.
 */
package io.kronforce.controller.assistant;
