package com.themepress.renderer.render;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The clients toward the addon-server and the runtime: HTTP/1.1 with keep-alive, no proxy, no
 * redirects. Completion stages run on the client's selector thread instead of hopping to a pool:
 * each is short (a byte[] body handed to the waiting worker), and a miss at 50 connections spent
 * one more thread wake-up per call on the hop (as the runtime's own client already avoids).
 */
final class UpstreamHttpClients {

    private UpstreamHttpClients() {
    }

    static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .executor(Runnable::run)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }
}
