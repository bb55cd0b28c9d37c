/** Who may call: browser sessions for the dashboard (API keys and stream tickets join them here). */
package io.kronforce.controller.access;
