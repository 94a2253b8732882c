package dev.orderflow.order.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The staff board and the customer tracking page: static files, reachable by their folder. */
@Configuration
public class PagesConfig implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/board/");
        registry.addViewController("/board/").setViewName("forward:/board/index.html");
        registry.addViewController("/track/").setViewName("forward:/track/index.html");
    }
}
