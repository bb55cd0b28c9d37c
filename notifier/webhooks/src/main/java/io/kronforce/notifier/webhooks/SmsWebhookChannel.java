package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.http.Json.obj;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.ConfigChecks;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import io.kronforce.notifier.http.Json;
import io.kronforce.notifier.http.OutboundHttp;
import io.kronforce.task.ConfigViolation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Upstream's SMS webhook: {@code {"To","From","Body"}} as JSON (Twilio's field names, not its
 * form encoding), with HTTP Basic auth when both user and password are set. The body is the
 * subject, then as much of the body as fits the 1,600 characters carriers still concatenate.
 */
public final class SmsWebhookChannel implements Channel<SmsWebhookDestination> {

    static final int MAX_SMS = 1600;

    private final OutboundHttp http;

    SmsWebhookChannel(OutboundHttp http) {
        this.http = http;
    }

    /** ServiceLoader entry for {@code sms_webhook}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new SmsWebhookChannel(new OutboundHttp(settings));
        }
    }

    @Override
    public String type() {
        return "sms_webhook";
    }

    @Override
    public Class<SmsWebhookDestination> configType() {
        return SmsWebhookDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("webhook_url", "auth_pass");
    }

    @Override
    public RecipientKind recipients() {
        return RecipientKind.PHONE;
    }

    @Override
    public List<ConfigViolation> check(SmsWebhookDestination d) {
        return new ConfigChecks().webUrl("/webhook_url", d.webhook_url()).problems();
    }

    @Override
    public Delivery deliver(SmsWebhookDestination d, Notification n, String phone) throws InterruptedException {
        if (phone == null || phone.isBlank()) {
            return new Delivery.Undeliverable("no phone number to send the SMS to");
        }
        Map<String, String> headers = Map.of();
        if (d.auth_user() != null && d.auth_pass() != null) {
            String credentials = d.auth_user() + ":" + d.auth_pass();
            headers = Map.of(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.postJson(d.webhook_url(), Json.write(message(d, n, phone)), headers);
    }

    static Map<String, Object> message(SmsWebhookDestination d, Notification n, String phone) {
        return obj(
                "To",
                phone,
                "From",
                d.from_number() == null ? "" : d.from_number(),
                "Body",
                Facts.clip(n.subject() + "\n" + n.body(), MAX_SMS));
    }
}
