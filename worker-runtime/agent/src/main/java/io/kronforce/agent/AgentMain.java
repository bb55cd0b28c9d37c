package io.kronforce.agent;

import io.helidon.webserver.WebServer;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.Registration;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * {@code ./kronforce agent}: starts the server first (a bind on port 0 learns its port), then
 * registers with that port, then heartbeats until SIGTERM or {@code /shutdown}. Exit codes: 0 on
 * shutdown, 1 when the controller refuses the registration or cannot be reached, a setting is
 * invalid or the address cannot be listened on, as upstream; 2 for an unknown argument.
 */
public final class AgentMain {
    private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());

    private AgentMain() {}

    /** {@code ./kronforce agent --help}. */
    static final String USAGE = """
            usage: kronforce agent
            A standard (push) agent: serves /execute for the controller, registers, heartbeats until SIGTERM.
            Settings (docs/WORKERS.md, docs/reference/configuration.md):
              KRONFORCE_CONTROLLER_URL   the controller's base URL (default http://localhost:8080)
              KRONFORCE_AGENT_KEY        an agent-role key: KRONFORCE_BOOTSTRAP_AGENT_KEY, or POST /api/keys
                                         with role agent (admin keys are refused); _FILE reads it from a file
              KRONFORCE_AGENT_NAME       the name it registers (default: the host name)
              KRONFORCE_AGENT_ADDRESS    what the controller dials to reach it (default: the host name)
              KRONFORCE_AGENT_BIND       host:port it listens on (default 0.0.0.0:8081; port 0: any free port)
              KRONFORCE_AGENT_TAGS       comma-separated tags for pools
              KRONFORCE_EGRESS_ALLOW     CIDR ranges and host names its tasks may reach
              KRONFORCE_TASK_ENV_ALLOW   variables its task processes inherit
              KRONFORCE_TLS_CERT, KRONFORCE_TLS_KEY   serve https; KRONFORCE_CONTROLLER_CA: trust for the controller
            Exit: 0 after SIGTERM or /shutdown; 1 for an invalid setting, an address it cannot listen on,
            a refused registration or an unreachable controller; 2 for an unknown argument.
            """;

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            System.exit(0);
        }
        if (args.length > 0) {
            System.err.println("kronforce agent: unknown argument '" + args[0] + "' (see ./kronforce agent --help)");
            System.exit(2);
        }
        System.exit(run(System.getenv()));
    }

    static int run(Map<String, String> env) throws InterruptedException {
        AgentSettings s;
        try {
            s = AgentSettings.fromEnv(env);
        } catch (AgentSettings.InvalidSetting e) {
            System.err.println("kronforce agent: " + e.getMessage());
            return 1;
        }

        CountDownLatch stop = new CountDownLatch(1);
        TaskHost host = new TaskHost(
                HandlerCatalog.load(AgentSettings.handlerSettings(env)),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES,
                "agent");
        ControllerLink link = new ControllerLink(s.controllerUrl(), s.key(), Optional.of(s.controllerTrust()));
        Session[] session = new Session[1];
        Runner runner = new Runner(host, link, () -> session[0].agentId(), Duration.ofSeconds(2));
        WebServer server;
        try {
            server = new AgentServer(
                            s.key(),
                            runner,
                            host,
                            () -> Thread.ofPlatform().start(() -> {
                                sleep(500); // let the answer leave before the process goes
                                stop.countDown();
                            }))
                    .start(s.bindHost(), s.bindPort(), s.serverTls());
        } catch (AgentSettings.InvalidSetting e) {
            System.err.println("kronforce agent: " + e.getMessage());
            host.close();
            return 1;
        }
        session[0] = new Session(
                link,
                new Registration(
                        s.name(),
                        s.tags(),
                        hostname(),
                        s.address(),
                        server.port(),
                        "standard",
                        null,
                        SystemFacts.collect(),
                        s.serverTls().isPresent()),
                host);
        try {
            session[0].open();
        } catch (ControllerLink.Refused e) {
            System.err.println("kronforce agent: the controller refused the registration (" + e.getMessage() + ")."
                    + (e.status == 401 || e.status == 403 ? " Set KRONFORCE_AGENT_KEY to an agent-role API key." : ""));
            server.stop();
            return 1;
        } catch (IOException e) {
            System.err.println(Unreachable.line("agent", s.controllerUrl(), e));
            server.stop();
            return 1;
        }
        Optional<TlsReload> reload = s.serverTls()
                .filter(files -> s.tlsReloadEvery().isPositive())
                .map(files -> new TlsReload(server, files, s.tlsReloadEvery()));
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        LOG.info("agent '" + s.name() + "' serving " + (s.serverTls().isPresent() ? "https" : "http") + " on port "
                + server.port() + " with task types " + host.types());
        stop.await();
        reload.ifPresent(TlsReload::close);
        session[0].close();
        host.close();
        server.stop();
        return 0;
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
