package com.themepress.runtime.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OnDockerDriver
class DockerConfiguration {

    @Bean(destroyMethod = "close")
    DockerClients dockerClients(SandboxProperties props) {
        return DockerClients.connect(props);
    }
}
