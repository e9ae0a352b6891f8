package com.themepress.runtime.invoke;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ForwardConfiguration {

    /**
     * One client for calls and health checks: HTTP/1.1 with keep-alive, no proxy, no redirects.
     * Its completion stages run on its selector thread instead of hopping to a pool: every stage
     * is short (a byte[] body, a status check), and each hop saved is a context switch per call.
     * Instances speak plain HTTP only, so the client gets a TLS context that trusts nothing instead
     * of the default one, whose trust store would be loaded and held for nothing.
     */
    @Bean
    HttpClient addonHttpClient(ForwardProperties props) throws GeneralSecurityException {
        SSLContext noTls = SSLContext.getInstance("TLS");
        noTls.init(new KeyManager[0], new TrustManager[0], null);
        return HttpClient.newBuilder()
                .executor(Runnable::run)
                .sslContext(noTls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }
}
