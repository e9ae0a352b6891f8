package com.themepress.renderer.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How the renderer's Tomcat reads its sockets.
 *
 * @param connector {@code nio2} (default) or {@code nio}, Tomcat's own default
 */
@Validated
@ConfigurationProperties("themepress.http")
public record HttpConnectorProperties(@DefaultValue("nio2") @NotNull Connector connector) {

    public enum Connector {
        /** A poller thread waits for readable sockets and hands each to a worker: two threads per request. */
        NIO("org.apache.coyote.http11.Http11NioProtocol"),
        /** The thread that completes the read goes on to process the request. */
        NIO2("org.apache.coyote.http11.Http11Nio2Protocol");

        private final String protocol;

        Connector(String protocol) {
            this.protocol = protocol;
        }

        public String protocol() {
            return protocol;
        }
    }
}
