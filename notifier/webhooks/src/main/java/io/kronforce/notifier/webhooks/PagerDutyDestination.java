package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Secrets;

/**
 * A PagerDuty service's Events API v2 integration.
 *
 * @param routing_key the integration key (32 characters); a secret
 * @param events_url where events go; defaults to {@value #DEFAULT_EVENTS_URL}
 * @param source the {@code payload.source}; defaults to {@code kronforce} as upstream
 */
public record PagerDutyDestination(String routing_key, String events_url, String source) {

    static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

    public PagerDutyDestination {
        events_url = events_url == null || events_url.isBlank() ? DEFAULT_EVENTS_URL : events_url;
        source = source == null || source.isBlank() ? "kronforce" : source;
    }

    @Override
    public String toString() {
        return "PagerDutyDestination[routing_key=" + Secrets.mask(routing_key) + ", events_url="
                + Secrets.maskUrl(events_url) + ", source=" + source + "]";
    }
}
