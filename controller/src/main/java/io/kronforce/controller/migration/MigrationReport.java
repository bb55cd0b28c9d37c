package io.kronforce.controller.migration;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration carried, per kind, and everything it did not carry with the reason. Items the
 * operator must act on (a key to rotate, a secret to re-enter) are named one by one; executions,
 * which can be many, are counted by reason.
 */
public final class MigrationReport {
    private final Map<String, Integer> carried = new LinkedHashMap<>();
    private final List<String> notCarried = new ArrayList<>();
    private final Map<String, Integer> notCarriedCounts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void carried(String kind, int n) {
        carried.merge(kind, n, Integer::sum);
    }

    void carried(String kind) {
        carried(kind, 1);
    }

    void notCarried(String kind, String name, String reason) {
        notCarried.add(kind + " '" + name + "': " + reason);
    }

    void notCarriedCount(String kind, String reason) {
        notCarriedCounts.merge(kind + ": " + reason, 1, Integer::sum);
    }

    /** Something carried differently from how upstream had it. */
    void note(String text) {
        notes.add(text);
    }

    /** Kind → how many were carried (kinds with none are absent). */
    public Map<String, Integer> carried() {
        return Map.copyOf(carried);
    }

    /** One line per item not carried, then one per counted reason ("executions: reason (n)"). */
    public List<String> notCarried() {
        List<String> out = new ArrayList<>(notCarried);
        notCarriedCounts.forEach((reason, n) -> out.add(reason + " (" + n + ")"));
        return out;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** One line of counts, for the audit entry. */
    String summary() {
        StringBuilder out = new StringBuilder();
        carried.forEach((kind, n) ->
                out.append(out.isEmpty() ? "" : ", ").append(kind).append(' ').append(n));
        return out.toString();
    }

    public void print(PrintStream out) {
        out.println("Carried:");
        if (carried.isEmpty()) {
            out.println("  nothing");
        }
        carried.forEach((kind, n) -> out.printf("  %-18s %d%n", kind, n));
        List<String> missing = notCarried();
        out.println("Not carried" + (missing.isEmpty() ? ": nothing" : " (" + missing.size() + "):"));
        missing.forEach(line -> out.println("  " + line));
        if (!notes.isEmpty()) {
            out.println("Notes:");
            notes.forEach(line -> out.println("  " + line));
        }
    }
}
