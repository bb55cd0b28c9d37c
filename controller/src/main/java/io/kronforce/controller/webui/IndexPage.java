package io.kronforce.controller.webui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one HTML page. Its only inline script is the import map (bare names such as {@code preact} to
 * versioned URLs); the Content-Security-Policy allows exactly that script by its SHA-256, computed
 * here at start, so no {@code unsafe-inline} is needed and an injected script does not run.
 */
final class IndexPage {
    private final byte[] html;
    private final String contentSecurityPolicy;

    private IndexPage(byte[] html, String contentSecurityPolicy) {
        this.html = html;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    static IndexPage render(ClassLoader loader, String buildId) {
        String base = "/ui/" + buildId + "/";
        String importMap = "{\"imports\":{"
                + "\"preact\":\"" + base + "vendor/preact.module.js\","
                + "\"preact/hooks\":\"" + base + "vendor/hooks.module.js\","
                + "\"htm\":\"" + base + "vendor/htm.module.js\","
                + "\"uplot\":\"" + base + "vendor/uPlot.esm.js\","
                + "\"cytoscape\":\"" + base + "vendor/cytoscape.esm.min.mjs\"}}";
        String page = template(loader).replace("{{IMPORT_MAP}}", importMap).replace("{{BASE}}", base);
        return new IndexPage(page.getBytes(StandardCharsets.UTF_8), policy(sha256Base64(importMap)));
    }

    byte[] html() {
        return html.clone();
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /**
     * Scripts and styles only from this origin (plus the import map by hash), data only from this
     * origin's API, no plugins, no framing, no base or form redirection elsewhere.
     */
    static String policy(String importMapHash) {
        return "default-src 'none'; script-src 'self' 'sha256-" + importMapHash + "'; style-src 'self'; "
                + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    private static String template(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("dashboard/index.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard/index.html is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256Base64(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
