package io.kronforce.task.transfer;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * An FTPS client that connects to a vetted address yet presents the task's host name in the TLS
 * handshake (SNI) and checks the certificate against it. Commons Net only knows a host name when it
 * resolves the name itself, which would bypass the egress policy's answer.
 */
final class NamedFtpsClient extends FTPSClient {

    private final String serverName;

    NamedFtpsClient(boolean implicit, SSLContext context, String serverName) {
        super(implicit, context);
        this.serverName = serverName;
    }

    @Override
    protected void _connectAction_() throws IOException {
        _hostname_ = serverName; // read by the TLS negotiation that runs inside the connect action
        super._connectAction_();
    }
}
