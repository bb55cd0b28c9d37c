/**
 * The {@code ftp} task type: upload or download one file over FTP, FTPS (Apache Commons Net) or
 * SFTP (Apache MINA SSHD).
 *
 * <p>Depends on the task SPI and the two client libraries only. Every connection goes to an
 * address the egress policy approved; no host key or certificate is trusted without the
 * operator's say (known_hosts, a pinned fingerprint, or the JVM's CAs).
 */
package io.kronforce.task.transfer;
