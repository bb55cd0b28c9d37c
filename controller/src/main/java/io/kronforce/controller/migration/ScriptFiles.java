package io.kronforce.controller.migration;

import io.kronforce.controller.resources.Scripts;
import io.kronforce.controller.store.resources.ScriptStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Upstream keeps scripts as files, {@code <name>.rhai} and {@code <name>.dockerfile}, in its
 * {@code KRONFORCE_SCRIPTS_DIR}, not in its database; ours are rows. Each file is checked as a
 * script save would check it (name, size, UTF-8 text).
 */
final class ScriptFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_BYTES = 1024 * 1024;

    private final ScriptStore scripts;
    private final MigrationReport report;

    ScriptFiles(ScriptStore scripts, MigrationReport report) {
        this.scripts = scripts;
        this.report = report;
    }

    List<Write> plan(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        List<Write> writes = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String type = fileName.endsWith(".rhai")
                    ? Scripts.SCRIPT
                    : fileName.endsWith(".dockerfile") ? Scripts.DOCKERFILE : null;
            if (type == null) {
                continue; // not a script upstream would list
            }
            String name = fileName.substring(0, fileName.lastIndexOf('.'));
            byte[] bytes = Files.readAllBytes(file);
            String problem = !NAME.matcher(name).matches()
                    ? "its name is not 1-100 letters, digits, '_' or '-'"
                    : bytes.length > MAX_BYTES ? "it is larger than 1 MiB" : null;
            String code = problem == null ? utf8(bytes) : null;
            if (problem == null && code == null) {
                problem = "it is not UTF-8 text";
            }
            if (problem != null) {
                report.notCarried("script", fileName, problem);
                continue;
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            writes.add(c -> scripts.save(c, name, type, code, bytes.length, modified));
            report.carried("scripts");
        }
        return writes;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
