package io.kronforce.bench;

import java.io.IOException;
import java.net.URI;

/**
 * The hello-world server ({@link HelloServerMain}) running in a child JVM, once it listens: a
 * target whose CPU is not the driver's (B3's baseline, B15's target).
 *
 * @param process the child JVM, ended by {@link #close()}
 * @param base {@code http://127.0.0.1:<port>}
 */
record HelloServerChild(ChildProcess process, URI base) implements AutoCloseable {

    /** Starts the child and waits for its port; the child is ended if that fails. */
    static HelloServerChild start(BenchContext ctx, String label) throws IOException, InterruptedException {
        ChildProcess process = ctx.startBenchJvm(HelloServerMain.class, label);
        try {
            String port = process.awaitLine("PORT=", ctx.options().hardLimit()).strip();
            return new HelloServerChild(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
