package com.themepress.model.service.web;

import java.net.InetAddress;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import com.themepress.model.service.ServiceKeyProperties;

/**
 * Refuses to start a service that would listen beyond loopback without a service key: there, anyone who
 * reaches the host could deploy into the runtime or read the internal API. Runs on the web server's
 * factory after Spring Boot applied {@code server.address} to it, so it checks the address the server
 * will really bind (no address at all means every interface), and before the server or most beans exist.
 */
final class ListenAddressCheck implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {

    private final ServiceKeyProperties properties;

    ListenAddressCheck(ServiceKeyProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        InetAddress address = factory.getAddress();
        if (properties.key().isEmpty() && (address == null || !address.isLoopbackAddress())) {
            throw new IllegalStateException("This service would listen on "
                    + (address == null ? "every interface" : address.getHostAddress())
                    + " without a service key, so anyone who reaches the host could call it. Set THEMEPRESS_SERVICE_KEY"
                    + " (themepress.service-key, at least " + ServiceKeyProperties.MIN_LENGTH
                    + " characters) to the same secret on every service and the gateway, or listen on loopback"
                    + " (server.address=127.0.0.1, the default).");
        }
    }

    /** After Spring Boot's own customizer, which sets the address from {@code server.address}. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
