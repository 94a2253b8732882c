package dev.orderflow.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: GreenMail's SMTP in this process (order-service sends its
 * notification e-mails here), and a plain-text page listing what arrived, newest last.
 */
final class LocalMail implements AutoCloseable {

    private final GreenMail smtp;
    private final HttpServer page;

    private LocalMail(GreenMail smtp, HttpServer page) {
        this.smtp = smtp;
        this.page = page;
    }

    static LocalMail start(int smtpPort, int pagePort) throws IOException {
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(30_000);
        GreenMail smtp = new GreenMail(setup);
        smtp.start();
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
        LocalMail mail = new LocalMail(smtp, page);
        page.createContext("/mail", exchange -> {
            byte[] body = mail.listing().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        page.start();
        return mail;
    }

    List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    private String listing() {
        StringBuilder text = new StringBuilder();
        List<MimeMessage> messages = received();
        text.append(messages.size()).append(" message(s) received by the local SMTP server\n");
        for (MimeMessage m : messages) {
            try {
                text.append("\n---------------------------------------------------------------\n")
                        .append("To: ").append(String.join(", ", GreenMailUtil.getAddressList(m.getAllRecipients()))).append('\n')
                        .append("Subject: ").append(m.getSubject()).append('\n')
                        .append("Message-ID: ").append(m.getMessageID()).append("\n\n")
                        .append(m.getContent() instanceof String plain ? plain : GreenMailUtil.getBody(m)).append('\n');
            } catch (MessagingException | IOException e) {
                text.append("(unreadable message: ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        page.stop(0);
        smtp.stop();
    }
}
