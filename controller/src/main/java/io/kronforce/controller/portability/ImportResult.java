package io.kronforce.controller.portability;

import io.kronforce.controller.portability.ImportItem.Action;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to an import: every item with its action, and upstream's per-section counts
 * ({@code imported} counts what was created or updated, {@code skipped} what was left out).
 *
 * @param dryRun true when nothing was changed on purpose
 */
public record ImportResult(boolean dryRun, List<ImportItem> items) {
    public ImportResult {
        items = List.copyOf(items);
    }

    public boolean refused() {
        return items.stream().anyMatch(i -> i.action() == Action.REFUSE);
    }

    /** Items created or updated, per section. */
    public Map<String, Integer> imported() {
        return count(Action.CREATE, Action.UPDATE);
    }

    /** Items skipped, per section. */
    public Map<String, Integer> skipped() {
        return count(Action.SKIP);
    }

    public List<ImportItem> refusals() {
        return items.stream().filter(i -> i.action() == Action.REFUSE).toList();
    }

    private Map<String, Integer> count(Action... actions) {
        Map<String, Integer> out = new TreeMap<>();
        for (ImportItem i : items) {
            for (Action a : actions) {
                if (i.action() == a) {
                    out.merge(i.section(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** One line for the audit row: the counts. */
    String summary() {
        return "imported " + imported() + ", skipped " + skipped();
    }
}
