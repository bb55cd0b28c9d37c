package io.kronforce.notifier.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.ConfigChecks;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import io.kronforce.notifier.Secrets;
import io.kronforce.notifier.http.OutboundHttp;
import io.kronforce.notifier.http.ResponseVerdict;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMS through Twilio's Messages API, one message per phone number. Twilio's own error codes
 * (e.g. 21211 "invalid To number") make a 4xx undeliverable; 429 and 5xx retry later with the
 * {@code Retry-After} Twilio sent.
 */
public final class TwilioChannel implements Channel<TwilioDestination> {

    /** Twilio concatenates up to 1,600 characters into one SMS conversation. */
    static final int MAX_BODY = 1600;

    private final ChannelSettings settings;
    /** One REST client per account and base URI: credentials never cross destinations. */
    private final Map<TwilioDestination, TwilioRestClient> clients = new ConcurrentHashMap<>();

    private HttpClient jdk;

    TwilioChannel(ChannelSettings settings) {
        this.settings = settings;
    }

    /** ServiceLoader entry for {@code twilio}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new TwilioChannel(settings);
        }
    }

    @Override
    public String type() {
        return "twilio";
    }

    @Override
    public Class<TwilioDestination> configType() {
        return TwilioDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("auth_token");
    }

    @Override
    public RecipientKind recipients() {
        return RecipientKind.PHONE;
    }

    @Override
    public List<ConfigViolation> check(TwilioDestination d) {
        boolean sender = present(d.from_number()) != present(d.messaging_service_sid());
        return new ConfigChecks()
                .required("/account_sid", d.account_sid())
                .required("/auth_token", d.auth_token())
                .require(sender, "/from_number", "set exactly one of from_number and messaging_service_sid")
                .webUrl("/api_base_url", d.api_base_url())
                .problems();
    }

    @Override
    public Delivery deliver(TwilioDestination d, Notification n, String phone) throws InterruptedException {
        if (phone == null || phone.isBlank()) {
            return new Delivery.Undeliverable("no phone number to send the SMS to");
        }
        if (!check(d).isEmpty()) {
            return new Delivery.Undeliverable("twilio destination is incomplete: " + check(d));
        }
        String body = clip(n.subject() + "\n" + n.body());
        String target = Secrets.maskUrl(d.api_base_url());
        try {
            Message message = creator(d, phone, body).create(client(d));
            return new Delivery.Delivered("Twilio accepted " + message.getSid() + " (" + message.getStatus() + ")");
        } catch (RetryableAnswer answer) {
            return ResponseVerdict.of(answer.status, answer.retryAfter, answer.body, target, settings.clock());
        } catch (ApiException e) {
            return new Delivery.Undeliverable("Twilio refused the message: " + e.getStatusCode() + " error "
                    + e.getCode() + ": " + Secrets.scrub(e.getMessage(), d.auth_token()));
        } catch (ApiConnectionException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("delivery abandoned");
            }
            String detail = Secrets.scrub(e.getMessage(), d.auth_token());
            return e.getCause() instanceof EgressDeniedException
                    ? new Delivery.Undeliverable(
                            "refused by egress policy: " + e.getCause().getMessage())
                    : Delivery.RetryLater.because(detail);
        }
    }

    private static MessageCreator creator(TwilioDestination d, String phone, String body) {
        PhoneNumber to = new PhoneNumber(phone);
        return present(d.messaging_service_sid())
                ? Message.creator(d.account_sid(), to, d.messaging_service_sid(), body)
                : Message.creator(d.account_sid(), to, new PhoneNumber(d.from_number()), body);
    }

    private TwilioRestClient client(TwilioDestination d) {
        return clients.computeIfAbsent(
                d,
                key -> new TwilioRestClient.Builder(key.account_sid(), key.auth_token())
                        .accountSid(key.account_sid())
                        .httpClient(new RebasedHttpClient(
                                OutboundHttp.webUri(key.api_base_url()), settings.egress(), settings.timeout(), jdk()))
                        .build());
    }

    /** Built on first use: providers must not start threads. Shared by every destination. */
    private synchronized HttpClient jdk() {
        if (jdk == null) {
            jdk = OutboundHttp.jdkClient(settings);
        }
        return jdk;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String clip(String text) {
        return text.length() <= MAX_BODY ? text : text.substring(0, MAX_BODY - 1) + "…";
    }
}
