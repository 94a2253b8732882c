package dev.orderflow.order.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff board and the customer tracking page: static files, reachable by their folder, with a
 * strict Content-Security-Policy (scripts and styles from this origin only, no inline code; the
 * socket only to the allowed gateway origins). Pages added later follow the same rule: external
 * scripts and styles under this origin, text written with textContent.
 */
@Configuration
@EnableConfigurationProperties(PagesProperties.class)
public class PagesConfig implements WebMvcConfigurer {

    /** A Host header that is a host name, an IPv4 or a bracketed IPv6 address, with a port (compiled once: every answer asks). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+");

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/board/");
        registry.addViewController("/board/").setViewName("forward:/board/index.html");
        registry.addViewController("/track/").setViewName("forward:/track/index.html");
        registry.addViewController("/rider/").setViewName("forward:/rider/index.html");
    }

    /** The policy of every answer of this service: pages get their own, the API none at all. */
    static String contentSecurityPolicy(PagesProperties pages, HttpServletRequest request) {
        List<String> connect = new ArrayList<>(List.of("'self'"));
        boolean https = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        String gateway = request.getServerName() + ":" + pages.gatewayPort();
        if (HOST.matcher(gateway).matches()) { // a Host header that is not a host adds nothing
            connect.add((https ? "https://" : "http://") + gateway);
            connect.add((https ? "wss://" : "ws://") + gateway);
        }
        for (String origin : pages.socketOrigins()) {
            connect.add(origin);
            connect.add(origin.startsWith("http") ? "ws" + origin.substring(4) : origin);
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + String.join(" ", connect) + "; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /** The pages' settings as a module the scripts import (no inline script needed). */
    @RestController
    static class PageSettings {

        private final String module;

        PageSettings(PagesProperties pages, JsonMapper json) {
            this.module = "export const socketOrigins = " + json.writeValueAsString(pages.socketOrigins()) + ";\n";
        }

        @GetMapping(path = "/pages/config.js", produces = "text/javascript")
        ResponseEntity<String> config() {
            return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                    .contentType(MediaType.parseMediaType("text/javascript")).body(module);
        }
    }
}
