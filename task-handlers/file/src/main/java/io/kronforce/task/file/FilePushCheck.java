package io.kronforce.task.file;

import io.kronforce.task.ConfigViolation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code check()} rules of a file_push task: lexical only, no I/O (symbolic links are judged
 * at run time by {@link Placement}). Values holding a {@code {{placeholder}}} are not judged on
 * their format, since substitution happens at dispatch.
 */
final class FilePushCheck {

    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    private FilePushCheck() {}

    static List<ConfigViolation> problems(FilePushTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        Optional<Path> root = destination(task.destination(), problems);
        filename(task.filename(), root, problems);
        String content = task.content_base64();
        if (content == null) {
            problems.add(new ConfigViolation("/content_base64", "content_base64 is required"));
        } else if (judged(content) && !decodes(content)) {
            problems.add(new ConfigViolation("/content_base64", "content_base64 is not valid standard base64"));
        }
        String mode = task.permissions();
        if (judged(mode) && !MODE.matcher(mode).matches()) {
            problems.add(new ConfigViolation(
                    "/permissions",
                    "permissions must be an octal mode of three digits, optionally led by 0 (e.g. \"0640\")"));
        }
        return List.copyOf(problems);
    }

    private static Optional<Path> destination(String destination, List<ConfigViolation> problems) {
        if (destination == null || destination.isBlank()) {
            problems.add(new ConfigViolation("/destination", "destination is required"));
            return Optional.empty();
        }
        if (!judged(destination)) {
            return Optional.empty();
        }
        Optional<Path> path = parse(destination);
        if (path.isEmpty() || !path.get().isAbsolute()) {
            problems.add(new ConfigViolation("/destination", "destination must be an absolute directory path"));
            return Optional.empty();
        }
        return Optional.of(path.get().normalize());
    }

    private static void filename(String filename, Optional<Path> root, List<ConfigViolation> problems) {
        if (filename == null || filename.isBlank()) {
            problems.add(new ConfigViolation("/filename", "filename is required"));
            return;
        }
        if (!judged(filename) || root.isEmpty()) {
            return;
        }
        Optional<Path> name = parse(filename);
        if (name.isEmpty()) {
            problems.add(new ConfigViolation("/filename", "filename is not a valid path"));
            return;
        }
        Placement.lexicalProblem(root.get(), name.get())
                .ifPresent(message -> problems.add(new ConfigViolation("/filename", message)));
    }

    private static Optional<Path> parse(String path) {
        try {
            return Optional.of(Path.of(path));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean decodes(String base64) {
        try {
            Base64.getDecoder().decode(base64);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean judged(String value) {
        return value != null && !value.contains("{{");
    }
}
