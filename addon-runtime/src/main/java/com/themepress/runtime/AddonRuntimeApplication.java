package com.themepress.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AddonRuntimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(AddonRuntimeApplication.class, args);
    }
}
