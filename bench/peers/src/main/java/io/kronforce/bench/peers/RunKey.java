package io.kronforce.bench.peers;

/** What runs are grouped by: the workload, the scheduler, its store and its configuration. */
record RunKey(String workload, String who, String store, String cfg) {

    static final String OURS = "kronforce";

    boolean ours() {
        return who.equals(OURS);
    }

    /** The scheduler and store, the unit of the headline table. */
    String peer() {
        return who + "/" + store;
    }

    /** How a row names the scheduler. */
    String label() {
        return switch (who) {
            case OURS -> "Kronforce (ours)";
            case "quartz" -> "Quartz";
            case "jobrunr" -> "JobRunr";
            case "sqlite-floor" -> "SQLite floor";
            case "jvm" -> "idle JVM";
            default -> who;
        };
    }
}
