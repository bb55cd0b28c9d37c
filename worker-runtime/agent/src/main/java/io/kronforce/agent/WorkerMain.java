package io.kronforce.agent;

import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.TaskTypeDefinition;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./kronforce worker [--once]}: a pull worker. It registers as a custom agent that
 * advertises every built-in task type it can run, then long-polls its queue. Without
 * {@code --once} it runs {@code KRONFORCE_WORKER_CONCURRENCY} pollers until SIGTERM, when it stops
 * claiming and finishes what it holds (containers, Deployments). With {@code --once} it claims one
 * item, runs it, reports it and exits 0 (Kubernetes Jobs, Cloud Run jobs, ECS tasks). Exit 1 when
 * the controller refuses the registration or a setting is invalid; 2 for a bad argument.
 */
public final class WorkerMain {
    /** {@code ./kronforce worker --help}. */
    static final String USAGE = """
            usage: kronforce worker [--once]
            A pull worker: registers as a custom agent and long-polls the controller's queue until SIGTERM;
            --once claims one item, runs it, reports it and exits 0.
            Settings (docs/WORKERS.md, docs/reference/configuration.md): those of ./kronforce agent --help
            (KRONFORCE_CONTROLLER_URL, KRONFORCE_AGENT_KEY, KRONFORCE_AGENT_NAME, KRONFORCE_AGENT_TAGS,
            KRONFORCE_EGRESS_ALLOW, KRONFORCE_TASK_ENV_ALLOW, KRONFORCE_CONTROLLER_CA) and
              KRONFORCE_WORKER_CONCURRENCY   pollers at once (default 1)
              KRONFORCE_WORKER_WAIT_SECS     long-poll wait per request (default 30)
            Exit: 0 (--once: after its item); 1 for an invalid setting, a refused registration or an
            unreachable controller; 2 for a bad argument.
            """;

    private WorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return 0;
        }
        boolean once = args.length == 1 && args[0].equals("--once");
        if (args.length > 1 || (args.length == 1 && !once)) {
            System.err.println("usage: kronforce worker [--once]");
            return 2;
        }
        AgentSettings s;
        Pollers.Settings poll;
        try {
            s = AgentSettings.fromEnv(env);
            poll = Pollers.Settings.fromEnv(env, once);
        } catch (AgentSettings.InvalidSetting e) {
            System.err.println("kronforce worker: " + e.getMessage());
            return 1;
        }
        TaskHost host = new TaskHost(
                HandlerCatalog.load(AgentSettings.handlerSettings(env)),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
        ControllerLink link = new ControllerLink(s.controllerUrl(), s.key(), Optional.of(s.controllerTrust()));
        List<TaskTypeDefinition> types = host.types().stream()
                .map(t -> new TaskTypeDefinition(t, "built-in task type", List.of()))
                .toList();
        Session session = new Session(
                link,
                new Registration(s.name(), s.tags(), "", "0.0.0.0", 0, "custom", types, SystemFacts.collect(), false),
                host);
        try {
            session.open();
        } catch (ControllerLink.Refused e) {
            System.err.println("kronforce worker: the controller refused the registration (" + e.getMessage() + ")."
                    + (e.status == 401 || e.status == 403 ? " Set KRONFORCE_AGENT_KEY to an agent-role API key." : ""));
            return 1;
        } catch (IOException e) {
            System.err.println(Unreachable.line("worker", s.controllerUrl(), e));
            return 1;
        }
        Runner runner = new Runner(host, link, session::agentId, Duration.ofSeconds(2));
        Pollers pollers = new Pollers(link, session, runner, poll);
        pollers.start();
        if (!once) {
            Runtime.getRuntime().addShutdownHook(new Thread(pollers::drain));
        }
        pollers.await();
        session.close();
        host.close();
        return 0;
    }
}
