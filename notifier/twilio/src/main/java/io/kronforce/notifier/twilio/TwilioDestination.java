package io.kronforce.notifier.twilio;

import io.kronforce.notifier.Secrets;

/**
 * A Twilio account that sends SMS.
 *
 * @param account_sid {@code AC…}
 * @param auth_token the account's auth token (or an API key secret together with an API key SID
 *     in {@code account_sid}'s place is not supported); a secret
 * @param from_number the sender, E.164; either this or {@code messaging_service_sid}
 * @param messaging_service_sid {@code MG…}, lets Twilio pick the sender
 * @param api_base_url where the REST API is; defaults to {@value #DEFAULT_API_BASE_URL}. Set it
 *     for a regional edge reached through a proxy, or a test peer
 */
public record TwilioDestination(
        String account_sid, String auth_token, String from_number, String messaging_service_sid, String api_base_url) {

    static final String DEFAULT_API_BASE_URL = "https://api.twilio.com";

    public TwilioDestination {
        api_base_url = api_base_url == null || api_base_url.isBlank() ? DEFAULT_API_BASE_URL : api_base_url;
    }

    @Override
    public String toString() {
        return "TwilioDestination[account_sid=" + account_sid + ", auth_token=" + Secrets.mask(auth_token)
                + ", from_number=" + from_number + ", messaging_service_sid=" + messaging_service_sid
                + ", api_base_url=" + api_base_url + "]";
    }
}
