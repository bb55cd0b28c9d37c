package io.kronforce.controller.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed dashboard sources render data only through bindings: no HTML parsing of strings,
 * no inline event handlers, no {@code javascript:} URLs, no string evaluation. Vendored files match
 * their recorded checksums.
 */
class DashboardSourcesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"), "src/main/resources/dashboard");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\\.write|\\beval\\s*\\("
                    + "|new\\s+Function\\s*\\(|javascript:|setTimeout\\s*\\(\\s*['\"`]|setInterval\\s*\\(\\s*['\"`]"
                    + "|\\son[a-z]+\\s*=\\s*[\"']|setAttribute\\s*\\(\\s*['\"]on|createContextualFragment|DOMParser",
            Pattern.CASE_INSENSITIVE);

    private static List<Path> ownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html"))
                    .filter(f -> !f.toString().contains("/vendor/"))
                    .toList();
        }
    }

    @Test
    void noFileParsesDataAsHtmlOrCarriesInlineHandlers() throws IOException {
        List<Path> files = ownFiles();
        assertTrue(files.size() >= 10, "found the dashboard's files: " + files);
        List<String> hits = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (FORBIDDEN.matcher(lines.get(i)).find()) {
                    hits.add(ROOT.relativize(f) + ":" + (i + 1) + ": "
                            + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), hits);
    }

    @Test
    void theScanCatchesWhatItLooksFor() {
        for (String bad : List.of(
                "el.innerHTML = x",
                "<a href=\"javascript:go()\">",
                "<button onclick=\"run()\">",
                "html`<b onmouseover='x()'>`",
                "eval(code)",
                "new Function('a', b)")) {
            assertTrue(FORBIDDEN.matcher(bad).find(), bad);
        }
        assertTrue(
                !FORBIDDEN.matcher("html`<button onClick=${() => run()}>`").find(),
                "a binding is not an inline handler");
    }

    @Test
    void vendoredHtmMatchesItsRecordedChecksum() throws Exception {
        byte[] file = Files.readAllBytes(ROOT.resolve("app/vendor/htm.module.js"));
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        assertTrue(Files.readString(ROOT.resolve("THIRD_PARTY.md")).contains(sha), "THIRD_PARTY.md records " + sha);
        assertTrue(Files.exists(ROOT.resolve("htm.LICENSE")));
    }
}
