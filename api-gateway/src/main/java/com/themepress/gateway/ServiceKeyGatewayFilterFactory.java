package com.themepress.gateway;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;

import com.themepress.model.service.ServiceKeyProperties;

/**
 * {@code ServiceKey} (a default filter of every route in application.yml): the services behind the gateway
 * let in only requests with the platform's service key, so the gateway sends its own on everything it
 * forwards. A client's {@code X-Service-Key} is dropped first, always: a client never speaks for the
 * platform, and with no key configured nothing of the client's goes through either.
 */
@Component
class ServiceKeyGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final @Nullable String serviceKey;

    ServiceKeyGatewayFilterFactory(ServiceKeyProperties properties) {
        this.serviceKey = properties.key().orElse(null);
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(ServiceKeyProperties.HEADER);
            if (serviceKey != null) {
                headers.set(ServiceKeyProperties.HEADER, serviceKey);
            }
        })).build());
    }
}
