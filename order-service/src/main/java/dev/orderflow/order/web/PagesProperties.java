package dev.orderflow.order.web;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The board and tracking pages' settings.
 *
 * @param gatewayPort   the Socket.IO gateway's port on the page's own host (the pages' default)
 * @param socketOrigins other origins ({@code https://rt.example.com}) a link's {@code #socket=} may
 *                      point the pages at; the pages send the user's token there, so nothing else is allowed
 */
@ConfigurationProperties("orderflow.pages")
public record PagesProperties(@DefaultValue("8084") int gatewayPort, List<String> socketOrigins) {

    public PagesProperties {
        socketOrigins = socketOrigins == null ? List.of() : List.copyOf(socketOrigins);
        for (String origin : socketOrigins) {
            URI uri = URI.create(origin);
            boolean bare = (uri.getScheme().equals("https") || uri.getScheme().equals("http")) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
            if (!bare) {
                throw new IllegalArgumentException("orderflow.pages.socket-origins: '" + origin
                        + "' is not an origin such as https://rt.example.com");
            }
        }
    }
}
