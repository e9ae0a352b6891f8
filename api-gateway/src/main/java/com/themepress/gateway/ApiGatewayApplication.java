package com.themepress.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import com.themepress.model.service.ServiceKeyProperties;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(ServiceKeyProperties.class) // the key it sends to the services behind it
public class ApiGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiGatewayApplication.class, args);
    }
}
