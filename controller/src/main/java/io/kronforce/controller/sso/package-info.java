/**
 * Single sign-on with an OpenID Connect provider: discovery at start-up, the authorization code
 * flow with PKCE, {@code state} and {@code nonce}, the ID token verified against the provider's
 * keys, and the role mapped from one of its claims. A sign-in ends in an ordinary dashboard
 * session ({@code access.Sessions}). Uses access, store and domain; no front door.
 */
package io.kronforce.controller.sso;
