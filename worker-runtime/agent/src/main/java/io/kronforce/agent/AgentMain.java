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
 * shutdown, 1 when the controller refuses the registration or a setting is invalid, as upstream.
 */
public final class AgentMain {
    private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());

    private AgentMain() {}

    public static void main(String[] args) throws InterruptedException {
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
        WebServer server = new AgentServer(
                        s.key(),
                        runner,
                        host,
                        () -> Thread.ofPlatform().start(() -> {
                            sleep(500); // let the answer leave before the process goes
                            stop.countDown();
                        }))
                .start(s.bindHost(), s.bindPort(), s.serverTls());
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
            System.err.println("kronforce agent: cannot reach the controller at " + s.controllerUrl() + ": " + e);
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
