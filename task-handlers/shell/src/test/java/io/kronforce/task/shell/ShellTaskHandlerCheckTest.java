package io.kronforce.task.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ShellTaskHandlerCheckTest {

    private final ShellTaskHandler handler = new ShellTaskHandler();

    @Test
    void acceptsAPlainCommand() {
        assertEquals(List.of(), handler.check(new ShellTask("echo hi", "/tmp")));
    }

    @Test
    void rejectsMissingOrBlankCommand() {
        assertEquals(List.of("/command"), pointers(new ShellTask(null, null)));
        assertEquals(List.of("/command"), pointers(new ShellTask(" \n\t", null)));
    }

    @Test
    void rejectsNulCharacters() {
        assertEquals(List.of("/working_dir"), pointers(new ShellTask("ls", "/tmp\0/x")));
        assertEquals(List.of("/command", "/working_dir"), pointers(new ShellTask("ls\0", "\0")));
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        List<TaskHandler<?>> handlers = ServiceLoader.load(TaskHandlerProvider.class).stream()
                .<TaskHandler<?>>map(p -> p.get().create(new HandlerSettings(EgressPolicy.publicOnly())))
                .filter(h -> h.type().equals("shell"))
                .toList();
        assertEquals(1, handlers.size());
        assertInstanceOf(ShellTaskHandler.class, handlers.get(0));
        assertEquals(ShellTask.class, handlers.get(0).configType());
    }

    private List<String> pointers(ShellTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
