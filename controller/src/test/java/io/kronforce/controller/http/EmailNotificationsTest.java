package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's {@code notification_email} through the controller to GreenMail: one message per recipient. */
class EmailNotificationsTest {
    @TempDir
    Path dir;

    TestController tc;
    GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        tc = TestController.start(dir);
        String email = "{\"enabled\":true,\"smtp_host\":\"127.0.0.1\",\"smtp_port\":"
                + smtp.getSmtp().getPort()
                + ",\"username\":\"\",\"password\":\"\",\"from\":\"kronforce@example.com\",\"tls\":false}";
        assertEquals(
                200,
                tc.put(
                                "/api/settings",
                                Role.ADMIN,
                                Map.of(
                                        "notification_email",
                                        email,
                                        "notification_recipients",
                                        "{\"emails\":[\"global@example.com\"],\"phones\":[]}"))
                        .status());
    }

    @AfterEach
    void stop() {
        tc.close();
        smtp.stop();
    }

    @Test
    void jobRecipientsOverrideTheGlobalListAndEmailOutputAddsTheOutput() throws Exception {
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("report"), "echo rows=42; echo broken >&2; exit 1")
                        .with(
                                "notifications",
                                TestController.JSON.readTree("{\"on_failure\":true,\"email_output\":\"failure\","
                                        + "\"recipients\":{\"emails\":[\"a@example.com\",\"b@example.com\"]}}")));
        Api.trigger(tc, job);

        assertTrue(smtp.waitForIncomingEmail(20_000, 2));
        MimeMessage[] received = smtp.getReceivedMessages();
        List<String> to = new java.util.ArrayList<>();
        for (MimeMessage m : received) {
            to.add(GreenMailUtil.getAddressList(m.getAllRecipients()));
        }
        to.sort(null);
        assertEquals(List.of("a@example.com", "b@example.com"), to);
        String text = GreenMailUtil.getBody(received[0]);
        assertTrue(text.contains("rows=42") && text.contains("broken"), text);
        assertTrue(received[0].getSubject().endsWith("' failed"), received[0].getSubject());
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> tc.read("/api/events?per_page=100").findValues("kind").stream()
                                .filter(k -> k.asText().equals("notification.sent"))
                                .count()
                        == 2);
    }
}
