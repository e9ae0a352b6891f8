package com.themepress.runtime.kubernetes;

import java.net.http.HttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.sandbox.HostApiAccess;
import com.themepress.runtime.sandbox.NetworkPolicy;
import com.themepress.runtime.sandbox.SandboxProperties;
import com.themepress.runtime.time.Ticker;

/**
 * The pod driver, only when chosen ({@code themepress.runtime.driver=kubernetes}). The client configures itself
 * the usual way: in a pod from its service account, elsewhere from {@code KUBECONFIG} or {@code ~/.kube/config}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "themepress.runtime.driver", havingValue = "kubernetes")
class KubernetesConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    KubernetesDriver kubernetesDriver(KubernetesClient client, KubernetesProperties props, SandboxProperties sandbox,
            PoolProperties pool, NetworkPolicy policy, HostApiAccess hostApi, HttpClient addonHttpClient, Ticker ticker) {
        return new KubernetesDriver(client, props, sandbox, pool, policy, hostApi, addonHttpClient, ticker);
    }

    @Bean("kubernetes")
    KubernetesHealthIndicator kubernetesHealthIndicator(KubernetesClient client, KubernetesProperties props,
            SandboxProperties sandbox) {
        return new KubernetesHealthIndicator(client, props, sandbox);
    }
}
