package io.kronforce.controller.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.store.resources.SettingsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runtime settings. Values that carry secrets (the AI key; inside the notification JSON, the members each
 * channel declares, such as SMTP and SMS passwords, tokens, webhook URLs and every custom header value) are
 * masked for every role, unlike upstream; which members are secrets is the owning feature's
 * {@link SecretDeclaration}, and {@link SecretFields#undeclared()} for JSON no feature owns; writing
 * the mask back keeps the stored value — member by member inside a JSON value ({@link MaskedMembers}),
 * so a form can save an edit beside a secret it only shows masked. With {@code KRONFORCE_ENCRYPTION_KEY} set they are also
 * sealed at rest (AES-256-GCM through {@link SecretBox}, member by member, so the JSON stays JSON);
 * {@link #plain()} opens them for the features that use them.
 */
public final class Settings {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");
    private static final Set<String> SECRET_KEYS = Set.of("ai_api_key");
    static final int MAX_VALUE_CHARS = 100_000;

    private final Database db;
    private final SettingsStore store;
    private final AuditTrail audit;
    private final SecretBox box;
    private final List<Check> checks = new CopyOnWriteArrayList<>();
    private final List<SecretDeclaration> declarations = new CopyOnWriteArrayList<>();

    /**
     * A feature's declaration of the secret members of the settings it owns (the notification channels declare
     * theirs); empty for a key it does not own. A JSON setting no feature owns gets {@link SecretFields#undeclared()}.
     */
    @FunctionalInterface
    public interface SecretDeclaration {
        Optional<SecretFields> secrets(String key, JsonNode value);
    }

    /** A feature's check of the settings it reads (e.g. notification destinations), run before they are stored. */
    @FunctionalInterface
    public interface Check {
        /** @throws KronforceException.InvalidInput when {@code value} is not acceptable for {@code key} */
        void check(String key, String value);
    }

    public Settings(Database db, SettingsStore store, AuditTrail audit, SecretBox box) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.box = box;
    }

    public void addCheck(Check check) {
        checks.add(check);
    }

    /** Adds a feature's declaration of which members of its settings are secrets. */
    public void declareSecrets(SecretDeclaration declaration) {
        declarations.add(declaration);
    }

    /** Every setting, secrets masked. */
    public Map<String, String> masked() {
        return masked(store.all());
    }

    /** The given stored settings, secrets masked. */
    public Map<String, String> masked(Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        stored.forEach((k, v) -> out.put(k, mask(k, v)));
        return out;
    }

    /** Every setting with its secrets opened: for the features that use them, never for a response. */
    public Map<String, String> plain() {
        return plain(store.all());
    }

    /** The given stored settings with their secrets opened: never for a response. */
    public Map<String, String> plain(Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        stored.forEach((k, v) -> out.put(k, transformSecrets(k, v, this::open)));
        return out;
    }

    private String open(String sealed) {
        // A value sealed under another key cannot be opened: it reads as empty, never as ciphertext.
        return box.open(sealed).orElse("");
    }

    /** Applies {@code f} to the secret parts of a value: the whole value of a secret key, else each secret JSON member. */
    private String transformSecrets(String key, String value, UnaryOperator<String> f) {
        if (SECRET_KEYS.contains(key)) {
            return value.isEmpty() ? value : f.apply(value);
        }
        Optional<JsonNode> tree = MaskedMembers.parse(value);
        if (tree.isEmpty() || secretsOf(key, tree.get()).apply(tree.get(), f) == 0) {
            return value; // untouched, so a value without secrets keeps its layout
        }
        try {
            return JsonMapping.MAPPER.writeValueAsString(tree.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    private SecretFields secretsOf(String key, JsonNode tree) {
        for (SecretDeclaration d : declarations) {
            Optional<SecretFields> declared = d.secrets(key, tree);
            if (declared.isPresent()) {
                return declared.get();
            }
        }
        return SecretFields.undeclared();
    }

    /** Whether a stored value has a secret part sealed ({@code enc:}), which only a key opens. */
    boolean holdsSealed(String key, String stored) {
        boolean[] sealed = {false};
        transformSecrets(key, stored, part -> {
            sealed[0] |= part.startsWith(SecretBox.PREFIX);
            return part;
        });
        return sealed[0];
    }

    /** The stored value with each secret part still in clear sealed; empty when none is in clear. */
    Optional<String> sealClear(String key, String stored) {
        boolean[] clear = {false};
        String out = transformSecrets(key, stored, part -> {
            if (part.startsWith(SecretBox.PREFIX)) {
                return part;
            }
            clear[0] = true;
            return box.seal(part);
        });
        return clear[0] ? Optional.of(out) : Optional.empty();
    }

    String mask(String key, String value) {
        return transformSecrets(key, value, v -> Variables.MASK);
    }

    public void put(Principal actor, Map<String, String> values) {
        values.forEach(Settings::checkShape);
        Map<String, String> current = store.all();
        db.write(c -> {
            for (Map.Entry<String, String> e : values.entrySet()) {
                Optional<String> next = toStore(e.getKey(), e.getValue(), current.get(e.getKey()));
                if (next.isPresent()) {
                    checks.forEach(check -> check.check(e.getKey(), next.get()));
                    // Sealed text is base64 after "enc:": safe inside a JSON string as it stands.
                    store.put(c, e.getKey(), transformSecrets(e.getKey(), next.get(), box::seal));
                }
            }
            audit.record(c, actor, "settings.updated", "settings", null, String.join(",", values.keySet()));
            return null;
        });
    }

    private static void checkShape(String k, String v) {
        if (!KEY.matcher(k).matches()) {
            throw new KronforceException.InvalidInput("/" + k, "invalid setting name '" + k + "'");
        }
        if (v.length() > MAX_VALUE_CHARS) {
            throw new KronforceException.InvalidInput("/" + k, "setting '" + k + "' is too long");
        }
        if ("retention_days".equals(k) || "audit_retention_days".equals(k)) {
            requireNonNegativeInt(k, v);
        }
    }

    /** Every check a new value passes before it is stored (name, length, and each feature's own check). */
    public void check(String key, String value) {
        checkShape(key, value);
        checks.forEach(check -> check.check(key, value));
    }

    /** Whether a value carries secret parts (its masked form differs from it). */
    public boolean hasSecrets(String key, String value) {
        return !mask(key, value).equals(value);
    }

    /**
     * Every setting with its secret parts sealed afresh under the controller's key: what an export
     * with secrets carries, from the {@code stored} settings. Only with a key: without one the
     * secrets would leave in clear. A setting
     * with a part this key cannot open is left out and its key given to {@code unopened}.
     */
    public Map<String, String> sealed(Map<String, String> stored, Consumer<String> unopened) {
        if (!box.enabled()) {
            throw new IllegalStateException("no encryption key to seal settings with");
        }
        Map<String, String> out = new LinkedHashMap<>();
        stored.forEach((k, v) -> {
            boolean[] failed = {false};
            String resealed = transformSecrets(
                    k,
                    v,
                    part -> box.open(part).map(box::seal).orElseGet(() -> {
                        failed[0] = true;
                        return "";
                    }));
            if (failed[0]) {
                unopened.accept(k);
            } else {
                out.put(k, resealed);
            }
        });
        return out;
    }

    /**
     * A value as an export carries it, with each sealed secret part opened under this controller's
     * key; empty when a part cannot be opened (sealed under another key, or damaged).
     */
    public Optional<String> opened(String key, String value) {
        boolean[] unopened = {false};
        String out = transformSecrets(key, value, part -> {
            if (!part.startsWith(SecretBox.PREFIX)) {
                return part;
            }
            return box.open(part).orElseGet(() -> {
                unopened[0] = true;
                return "";
            });
        });
        return unopened[0] ? Optional.empty() : Optional.of(out);
    }

    /**
     * Stores a checked value in the caller's transaction, its secrets sealed as {@link #put} seals
     * them; the caller writes its own audit row.
     */
    public void restore(Connection c, String key, String clear) throws SQLException {
        store.put(c, key, transformSecrets(key, clear, box::seal));
    }

    /**
     * What to store for one member of a PUT, secrets in clear; empty when it leaves the stored
     * value as it is. A masked secret keeps the stored one: the whole value of a secret key, or
     * each masked member of a JSON document while its other members take the edits.
     */
    private Optional<String> toStore(String key, String sent, String stored) {
        if (stored != null && mask(key, stored).equals(sent)) {
            return Optional.empty();
        }
        Optional<String> plainStored = Optional.ofNullable(stored).map(v -> transformSecrets(key, v, this::open));
        String value = SECRET_KEYS.contains(key)
                ? sent
                : MaskedMembers.merge(
                        key,
                        sent,
                        plainStored,
                        MaskedMembers.parse(sent).map(t -> secretsOf(key, t)).orElseGet(SecretFields::undeclared));
        if (value.contains(Variables.MASK)) {
            // Stored as it is, the mask would replace the secret for good.
            throw new KronforceException.InvalidInput(
                    "/" + key,
                    "setting '" + key
                            + "' still contains a masked secret; send the secret itself or the value unchanged");
        }
        return plainStored.filter(value::equals).isPresent() ? Optional.empty() : Optional.of(value);
    }

    private static void requireNonNegativeInt(String key, String value) {
        try {
            if (Integer.parseInt(value.trim()) >= 0) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new KronforceException.InvalidInput("/" + key, key + " must be a whole number of days (0 disables)");
    }

    /** Days as an int, or the fallback when absent or unreadable. */
    public int days(String key, int fallback) {
        return store.get(key)
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,6}"))
                .map(Integer::parseInt)
                .orElse(fallback);
    }

    /** Writes a value at start-up (env overrides), with no audit actor. */
    public void seed(String key, String value) {
        db.write(c -> {
            store.put(c, key, value);
            return null;
        });
    }
}
