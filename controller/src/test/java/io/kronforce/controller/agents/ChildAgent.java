package io.kronforce.controller.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code ./kronforce agent} or {@code ./kronforce worker} as a child JVM on loopback, started from the test class path. */
final class ChildAgent implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts an agent against the controller at {@code controllerUrl}, registering as {@code name}. */
    static ChildAgent start(Path dir, String controllerUrl, String key, String name, String tags) throws IOException {
        return start(dir, "io.kronforce.agent.AgentMain", List.of(), controllerUrl, key, name, tags, Map.of());
    }

    /** Starts an agent with more variables (TLS files, say). */
    static ChildAgent start(
            Path dir, String controllerUrl, String key, String name, String tags, Map<String, String> extraEnv)
            throws IOException {
        return start(dir, "io.kronforce.agent.AgentMain", List.of(), controllerUrl, key, name, tags, extraEnv);
    }

    /** Starts a pull worker; {@code args} as on the command line ({@code --once}). */
    static ChildAgent worker(
            Path dir,
            List<String> args,
            String controllerUrl,
            String key,
            String name,
            String tags,
            Map<String, String> extraEnv)
            throws IOException {
        return start(dir, "io.kronforce.agent.WorkerMain", args, controllerUrl, key, name, tags, extraEnv);
    }

    private static ChildAgent start(
            Path dir,
            String mainClass,
            List<String> args,
            String controllerUrl,
            String key,
            String name,
            String tags,
            Map<String, String> extraEnv)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx192m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = new HashMap<>(Map.of(
                "KRONFORCE_CONTROLLER_URL",
                controllerUrl,
                "KRONFORCE_AGENT_KEY",
                key,
                "KRONFORCE_AGENT_NAME",
                name,
                "KRONFORCE_AGENT_ADDRESS",
                "127.0.0.1",
                "KRONFORCE_AGENT_BIND",
                "127.0.0.1:0",
                "KRONFORCE_AGENT_TAGS",
                tags));
        env.putAll(extraEnv);
        pb.environment().putAll(env);
        Path log = dir.resolve("agent-" + name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildAgent(pb.start(), log);
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
