package dev.orderflow.order;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** GreenMail's SMTP server on a fixed free port, so a test can take it down and bring it back. */
public final class TestMailServer {

    private final int port;
    private GreenMail server;

    private TestMailServer(int port) {
        this.port = port;
    }

    static TestMailServer start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TestMailServer mail = new TestMailServer(port);
        mail.up();
        return mail;
    }

    public int port() {
        return port;
    }

    public synchronized void up() {
        if (server == null) {
            ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            smtp.setServerStartupTimeout(30_000); // the shared build machine can be slow
            server = new GreenMail(smtp);
            server.start();
        }
    }

    /** Stops accepting mail (what it received is gone with it). */
    public synchronized void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The messages received for {@code recipient}. */
    public synchronized List<MimeMessage> receivedFor(String recipient) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
