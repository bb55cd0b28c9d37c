package io.kronforce.controller.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The OpenID provider as its discovery document describes it, and the one call made to it per
 * sign-in: the token request. The issuer is chosen by the operator, so these calls do not pass
 * the egress policy (which guards calls made on a job's or a user's behalf); they follow no
 * redirect and time out.
 *
 * @param issuer the issuer as the document names it: ID tokens must carry exactly this {@code iss}
 */
public record IdentityProvider(
        String issuer,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI jwksUri,
        Set<JWSAlgorithm> signingAlgorithms,
        HttpClient http) {

    private static final Logger LOG = Logger.getLogger(IdentityProvider.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    // Only asymmetric signatures: an HMAC "signature" keyed with the client secret proves nothing the
    // token request did not, and "none" proves nothing at all.
    private static final Set<String> ASYMMETRIC =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

    public IdentityProvider {
        signingAlgorithms = Set.copyOf(signingAlgorithms);
    }

    /**
     * Reads {@code <issuer>/.well-known/openid-configuration}.
     *
     * @throws SsoSetupFailure the document cannot be read, names another issuer or lacks an endpoint
     */
    public static IdentityProvider discover(String configuredIssuer) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = trimSlash(configuredIssuer);
        URI url = URI.create(base + "/.well-known/openid-configuration");
        JsonNode doc;
        try {
            HttpResponse<String> res = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(CALL_TIMEOUT)
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new SsoSetupFailure("discovery at " + url + " answered HTTP " + res.statusCode());
            }
            doc = JSON.readTree(res.body());
        } catch (IOException e) {
            throw new SsoSetupFailure("discovery at " + url + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoSetupFailure("discovery at " + url + " was interrupted");
        }
        if (doc == null || !doc.isObject()) {
            throw new SsoSetupFailure("discovery at " + url + " did not answer a JSON object");
        }
        String issuer = doc.path("issuer").asText("");
        if (!trimSlash(issuer).equals(base)) {
            // OpenID Connect Discovery: the document must name the issuer it was fetched for.
            throw new SsoSetupFailure(
                    "discovery at " + url + " names the issuer '" + issuer + "', not '" + configuredIssuer + "'");
        }
        return new IdentityProvider(
                issuer,
                endpoint(doc, "authorization_endpoint", url),
                endpoint(doc, "token_endpoint", url),
                endpoint(doc, "jwks_uri", url),
                algorithms(doc.path("id_token_signing_alg_values_supported")),
                http);
    }

    /**
     * Trades an authorization code for the provider's tokens (client_secret_post, as upstream, plus
     * the PKCE verifier) and returns the ID token.
     *
     * @throws KronforceException.InvalidInput the provider refused the code ({@code sso-refused})
     * @throws KronforceException.BadGateway the provider could not be reached or answered nonsense
     */
    String exchange(SsoSettings s, String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", s.redirectUri().toString());
        form.put("client_id", s.clientId());
        if (!s.clientSecret().isEmpty()) {
            form.put("client_secret", s.clientSecret());
        }
        form.put("code_verifier", codeVerifier);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> res;
        try {
            res = http.send(
                    HttpRequest.newBuilder(tokenEndpoint)
                            .timeout(CALL_TIMEOUT)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warning("single sign-on: the token request to " + tokenEndpoint + " failed: " + describe(e));
            throw failed("the identity provider could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("the token request was interrupted");
        }
        JsonNode answer = parse(res.body());
        if (res.statusCode() == 400 || res.statusCode() == 401) {
            // invalid_grant and friends: a used, expired or foreign code, or a client the provider does not know.
            String error = answer.path("error").asText("HTTP " + res.statusCode());
            LOG.warning("single sign-on: the identity provider refused the token request: " + error);
            throw new KronforceException.InvalidInput(
                    ProblemType.SSO_REFUSED,
                    "the identity provider refused the authorization code: " + error,
                    List.of());
        }
        if (res.statusCode() != 200) {
            LOG.warning("single sign-on: the token request answered HTTP " + res.statusCode());
            throw failed("the identity provider's token request answered HTTP " + res.statusCode());
        }
        String idToken = answer.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw failed("the identity provider's token answer holds no id_token");
        }
        return idToken;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static KronforceException failed(String message) {
        return new KronforceException.BadGateway(ProblemType.SSO_PROVIDER_FAILED, message);
    }

    private static URI endpoint(JsonNode doc, String field, URI url) {
        String value = doc.path(field).asText("");
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new SsoSetupFailure("discovery at " + url + " has no usable " + field + " ('" + value + "')");
    }

    /** The signing algorithms the provider announces, asymmetric ones only; RS256 (required of every provider) when none. */
    private static Set<JWSAlgorithm> algorithms(JsonNode announced) {
        Set<JWSAlgorithm> algs = new java.util.HashSet<>();
        announced.forEach(a -> {
            if (ASYMMETRIC.contains(a.asText())) {
                algs.add(JWSAlgorithm.parse(a.asText()));
            }
        });
        return algs.isEmpty() ? Set.of(JWSAlgorithm.RS256) : algs;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
