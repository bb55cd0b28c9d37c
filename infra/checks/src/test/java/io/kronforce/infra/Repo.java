package io.kronforce.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and its build output are, as the build tells the tests. */
final class Repo {
    private Repo() {}

    static Path root() {
        String root = System.getProperty("kf.root");
        Path p = Path.of(root == null ? "../.." : root).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("kronforce"))) {
            throw new IllegalStateException("kf.root does not point at the repository: " + p);
        }
        return p;
    }

    static Path images() {
        return root().resolve("target/images");
    }

    static Path infra(String first, String... more) {
        return root().resolve("infra").resolve(Path.of(first, more));
    }
}
