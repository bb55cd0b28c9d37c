package io.kronforce.controller.sso;

import io.kronforce.controller.domain.Role;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code KRONFORCE_OIDC_*}: the provider and this controller's client registration with it.
 *
 * @param issuer the provider's issuer URL, as its ID tokens name it (no trailing slash)
 * @param clientSecret empty for a public client; never logged, never shown
 * @param redirectUri where the provider sends the browser back: this controller's
 *     {@code /api/auth/oidc/callback} as the browser reaches it
 * @param scopes space-separated, always with {@code openid}
 * @param roleClaim dot path into the ID token's claims ({@code groups}, {@code realm_access.roles})
 * @param adminValues claim values that make an admin
 * @param operatorValues claim values that make an operator (when none makes an admin)
 * @param defaultRole everyone else's role
 * @param sessionLifetime how long a sign-in lasts at most
 */
public record SsoSettings(
        String issuer,
        String clientId,
        String clientSecret,
        URI redirectUri,
        String scopes,
        String roleClaim,
        List<String> adminValues,
        List<String> operatorValues,
        Role defaultRole,
        Duration sessionLifetime) {

    public SsoSettings {
        adminValues = List.copyOf(adminValues);
        operatorValues = List.copyOf(operatorValues);
    }

    /** The client secret stays out of logs and error messages that print the settings. */
    @Override
    public String toString() {
        return "SsoSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret.isEmpty() ? "" : "***") + ", redirectUri=" + redirectUri + ", scopes=" + scopes
                + ", roleClaim=" + roleClaim + ", adminValues=" + adminValues + ", operatorValues="
                + operatorValues + ", defaultRole=" + defaultRole + ", sessionLifetime=" + sessionLifetime + "]";
    }
}
