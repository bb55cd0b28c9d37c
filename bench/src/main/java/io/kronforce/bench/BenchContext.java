package io.kronforce.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every measurement shares: the options, the results, and a scratch folder that holds one
 * fresh database folder per controller started.
 */
record BenchContext(BenchOptions options, Results results, Path scratch) {

    /** Starts a controller on a fresh empty database; its log goes to {@code <out>/<label>.log}. */
    Controller startController(String label) throws IOException {
        return startIn(Files.createTempDirectory(scratch, label + "-"), label);
    }

    /** Starts a controller on the database in {@code workDir}, e.g. one a stopped controller left. */
    Controller startIn(Path workDir, String label) throws IOException {
        return startIn(workDir, label, Map.of());
    }

    /**
     * Like {@link #startIn(Path, String)} with extra environment variables for the controller; they
     * win over {@code --db-sync}, which every controller gets unless B4 compares the modes.
     */
    Controller startIn(Path workDir, String label, Map<String, String> env) throws IOException {
        return startIn(workDir, label, env, List.of());
    }

    /** Like {@link #startIn(Path, String, Map)} with JVM flags for the controller (an AOT cache). */
    Controller startIn(Path workDir, String label, Map<String, String> env, List<String> jvmFlags) throws IOException {
        Map<String, String> all = new HashMap<>();
        if (!options.comparesDbSync()) {
            all.put(Controller.DB_SYNC_ENV, options.dbSync());
        }
        all.putAll(env);
        return Controller.start(options.jar(), workDir, options.out().resolve(label + ".log"), all, jvmFlags);
    }

    /**
     * The 1-minute load average, noted beside the figures: the machine is shared, and a figure
     * taken while others compile says less about us than about them.
     */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Like {@link #startController} but returns only once {@code /api/health} answers 200. */
    Controller startHealthy(String label) throws IOException, InterruptedException {
        return startHealthy(label, Map.of());
    }

    /** Like {@link #startHealthy(String)} with extra environment variables for the controller. */
    Controller startHealthy(String label, Map<String, String> env) throws IOException, InterruptedException {
        Controller controller = startIn(Files.createTempDirectory(scratch, label + "-"), label, env);
        try {
            controller.awaitHealthy(options.hardLimit());
            return controller;
        } catch (IOException | InterruptedException | RuntimeException e) {
            controller.close();
            throw e;
        }
    }

    /** Starts {@code mainClass} of this driver's classpath as a child JVM (a baseline process). */
    ChildProcess startBenchJvm(Class<?> mainClass, String label) throws IOException {
        return ChildProcess.start(
                ChildProcess.javaCommand("-cp", absoluteClassPath(), mainClass.getName()),
                Map.of(),
                scratch,
                options.out().resolve(label + ".log"));
    }

    /** This JVM's classpath with absolute entries: children run in the scratch folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
