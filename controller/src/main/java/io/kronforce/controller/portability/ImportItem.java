package io.kronforce.controller.portability;

import java.util.Locale;

/**
 * What an import does, or would do, with one item of the file.
 *
 * @param section the file's member the item came from ({@code jobs}, {@code variables}, …)
 * @param index the item's place in its section; -1 in {@code settings}, an object, where the name is its place
 * @param name the item's name (a job's, a variable's, a setting's key)
 * @param id a job's id; null for the other sections
 * @param reason why it is skipped or refused; null when it is written
 */
public record ImportItem(String section, int index, String name, String id, Action action, String reason) {
    /** The item's fate. */
    public enum Action {
        CREATE,
        UPDATE,
        /** Left out, and what is stored is untouched (say, a secret whose value the file does not carry). */
        SKIP,
        /** Cannot be imported: the whole import is refused. */
        REFUSE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the item is in the file, as a JSON pointer. */
    public String pointer() {
        return "/" + section + "/" + (index >= 0 ? String.valueOf(index) : name);
    }

    static ImportItem refused(String section, int index, String name, String reason) {
        return new ImportItem(section, index, name, null, Action.REFUSE, reason);
    }

    static ImportItem skipped(String section, int index, String name, String reason) {
        return new ImportItem(section, index, name, null, Action.SKIP, reason);
    }
}
