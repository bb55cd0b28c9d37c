package io.kronforce.controller.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.store.access.SsoStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A sign-in through the OpenID provider, in two steps. {@link #begin} stores a fresh {@code state},
 * {@code nonce} and PKCE verifier and names the provider's authorization URL; {@link #finish}
 * takes the state back (once, within five minutes), trades the code for the ID token, verifies
 * the token and opens a dashboard session with the role mapped from its claims.
 */
public final class SsoLogins {
    private static final Logger LOG = Logger.getLogger(SsoLogins.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a sign-in may take at the provider; the state is refused after it. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(5);

    /** Where to send the browser, and the state the browser must bring back. */
    public record Start(URI authorizationUrl, String state) {}

    /** What the provider sent the browser back with (any may be null). */
    public record Callback(String code, String state, String error, String errorDescription) {}

    private final SsoSettings settings;
    private final IdentityProvider provider;
    private final IdTokenVerifier verifier;
    private final RoleMapping roles;
    private final Database db;
    private final SsoStore store;
    private final Sessions sessions;
    private final InstantSource clock;

    public SsoLogins(
            SsoSettings settings,
            IdentityProvider provider,
            Database db,
            SsoStore store,
            Sessions sessions,
            InstantSource clock) {
        this.settings = settings;
        this.provider = provider;
        this.verifier = new IdTokenVerifier(provider, settings.clientId(), clock);
        this.roles = RoleMapping.of(settings);
        this.db = db;
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    public SsoSettings settings() {
        return settings;
    }

    /** Stores a new sign-in and returns the provider's authorization URL for it. */
    public Start begin() {
        String state = Sessions.newToken();
        String nonce = Sessions.newToken();
        String verifier = Sessions.newToken();
        long now = clock.millis();
        db.write(c -> {
            store.deleteStaleStates(c, now - STATE_LIFETIME.toMillis());
            store.insertState(c, new SsoStore.LoginState(state, nonce, verifier, now));
            return null;
        });
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", settings.redirectUri().toString());
        query.put("scope", settings.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        String base = provider.authorizationEndpoint().toString();
        String joined = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new Start(URI.create(base + (base.contains("?") ? "&" : "?") + joined), state);
    }

    /**
     * Completes a sign-in and opens its session.
     *
     * @param boundState the state the browser that began this sign-in holds (its sign-in cookie), if any
     * @throws KronforceException.InvalidInput {@code sso-refused}: an error from the provider, a
     *     missing code or state, a state unknown, used, expired or begun in another browser, a
     *     refused code or an ID token that fails a check
     * @throws KronforceException.BadGateway {@code sso-provider-failed}: the provider could not be reached
     */
    public Sessions.Opened finish(Callback cb, Optional<String> boundState) {
        if (cb.error() != null && !cb.error().isBlank()) {
            // Both come from the query string anyone can write: one line each, bounded, in the log.
            String error = oneLine(cb.error());
            LOG.warning("single sign-on: the identity provider answered " + error
                    + (cb.errorDescription() == null ? "" : " (" + oneLine(cb.errorDescription()) + ")"));
            throw refused("sign-in failed at the identity provider: " + error);
        }
        if (cb.code() == null || cb.code().isBlank()) {
            throw refused("missing authorization code");
        }
        if (cb.state() == null || cb.state().isBlank()) {
            throw refused("missing state parameter");
        }
        long now = clock.millis();
        // Taken (read and deleted) before anything else: a state answers one callback, whatever its outcome.
        SsoStore.LoginState begun = db.write(c -> store.takeState(c, cb.state()))
                .filter(s -> now - s.createdAtMs() < STATE_LIFETIME.toMillis())
                .orElseThrow(() -> refused("invalid or expired state parameter"));
        if (boundState.isEmpty() || !boundState.get().equals(begun.state())) {
            // Someone else's sign-in, carried to this browser: it would sign this browser in as them.
            throw refused("this sign-in was not begun in this browser");
        }
        String idToken = provider.exchange(settings, cb.code(), begun.codeVerifier());
        JWTClaimsSet claims = verifier.verify(idToken, begun.nonce());
        JsonNode json = JSON.valueToTree(claims.toJSONObject());
        Role role = roles.roleOf(json);
        Sessions.Person person = new Sessions.Person(
                claims.getSubject(),
                text(json, "email").orElse(""),
                text(json, "name")
                        .or(() -> text(json, "preferred_username"))
                        .or(() -> text(json, "email"))
                        .orElse("Unknown User"));
        LOG.info("single sign-on: " + person.name() + " <" + person.email() + "> signed in as " + role.wire());
        try {
            return sessions.openSso(person, role, JSON.writeValueAsString(json), settings.sessionLifetime());
        } catch (IOException e) {
            throw new IllegalStateException("claims that were just parsed could not be written", e);
        }
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static Optional<String> text(JsonNode claims, String field) {
        JsonNode v = claims.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static KronforceException refused(String message) {
        return new KronforceException.InvalidInput(ProblemType.SSO_REFUSED, message, List.of());
    }

    /** RFC 7636 S256: the verifier's SHA-256, base64url without padding. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
