package com.themepress.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import com.themepress.model.memory.IdleTrimConfiguration;
import com.themepress.model.service.ServiceKeyProperties;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(ServiceKeyProperties.class) // the key it sends to the services behind it
@Import(IdleTrimConfiguration.class)
public class ApiGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiGatewayApplication.class, args);
    }
}
