package io.kronforce.task.transfer;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code ftp} task type (FTP, FTPS and SFTP). */
public final class FtpTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new FtpTaskHandler(settings);
    }
}
