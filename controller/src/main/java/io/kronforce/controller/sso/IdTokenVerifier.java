package io.kronforce.controller.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks an ID token as OpenID Connect Core asks (section 3.1.3.7): signed with one of the
 * provider's published keys by an asymmetric algorithm it announces, issued by the discovered
 * issuer, for this client (and, with several audiences, authorized for it), not expired (one
 * minute of clock skew), and carrying the nonce of this sign-in. The keys are fetched from the
 * provider's {@code jwks_uri}, cached, and fetched again (at most every 30 s) when a token names a
 * key the cache does not hold, so the provider can rotate its keys.
 */
final class IdTokenVerifier {
    private static final Logger LOG = Logger.getLogger(IdTokenVerifier.class.getName());

    private final IdentityProvider provider;
    private final String clientId;
    private final JWKSource<SecurityContext> keys;
    private final InstantSource clock;

    IdTokenVerifier(IdentityProvider provider, String clientId, InstantSource clock) {
        this.provider = provider;
        this.clientId = clientId;
        this.clock = clock;
        int timeoutMs = (int) IdentityProvider.CALL_TIMEOUT.toMillis();
        try {
            this.keys = JWKSourceBuilder.<SecurityContext>create(
                            provider.jwksUri().toURL(), new DefaultResourceRetriever(timeoutMs, timeoutMs, 1 << 20))
                    .build();
        } catch (MalformedURLException e) {
            throw new SsoSetupFailure("jwks_uri is not a URL: " + provider.jwksUri());
        }
    }

    /**
     * The token's claims, once every check passed.
     *
     * @throws KronforceException.InvalidInput {@code sso-refused}, naming the check that failed
     * @throws KronforceException.BadGateway the provider's keys could not be fetched
     */
    JWTClaimsSet verify(String idToken, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(provider.signingAlgorithms(), keys));
        processor.setJWTClaimsSetVerifier(new ClaimsCheck(
                clientId,
                new JWTClaimsSet.Builder()
                        .issuer(provider.issuer())
                        .claim("nonce", nonce)
                        .build(),
                clock));
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (KeySourceException e) {
            LOG.warning("single sign-on: the provider's keys could not be fetched: " + e.getMessage());
            throw new KronforceException.BadGateway(
                    ProblemType.SSO_PROVIDER_FAILED, "the identity provider's signing keys could not be fetched");
        } catch (BadJWSException e) {
            throw refused("its signature does not verify with the identity provider's keys");
        } catch (BadJOSEException e) {
            throw refused(e.getMessage());
        } catch (ParseException | JOSEException e) {
            throw refused("it cannot be read (" + e.getMessage() + ")");
        }
        List<String> audience = claims.getAudience();
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && !clientId.equals(azp)) {
            throw refused("it names several audiences and is not authorized for this client (azp)");
        }
        return claims;
    }

    private static KronforceException refused(String why) {
        return new KronforceException.InvalidInput(
                ProblemType.SSO_REFUSED, "the ID token is not valid: " + why, List.of());
    }

    /** Nimbus's claim checks on the controller's clock, so tests can step time by hand. */
    private static final class ClaimsCheck extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final InstantSource clock;

        ClaimsCheck(String audience, JWTClaimsSet exact, InstantSource clock) {
            super(audience, exact, Set.of("sub", "iat", "exp"));
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
