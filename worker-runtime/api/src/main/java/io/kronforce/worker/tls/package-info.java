/**
 * TLS material for both ends of the worker protocol: a server identity read from PEM files
 * ({@code KRONFORCE_TLS_CERT}, {@code KRONFORCE_TLS_KEY}) and the trust a client uses to verify the
 * peer it dials (the JDK's default trust store plus an optional PEM CA bundle). The controller and
 * the agent both use it, so a certificate one accepts the other accepts too.
 *
 * <p>JDK only. Nothing here turns verification off, and no message ever carries key material.
 */
package io.kronforce.worker.tls;
