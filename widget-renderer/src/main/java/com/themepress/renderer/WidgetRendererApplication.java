package com.themepress.renderer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.themepress.model.memory.IdleTrimConfiguration;
import com.themepress.model.problem.web.ProblemErrorController;
import com.themepress.model.problem.web.ProblemHandler;
import com.themepress.model.service.web.ServiceKeyConfiguration;
import com.themepress.runtimeclient.RuntimeClientConfiguration;

@SpringBootApplication
@Import({ProblemHandler.class, ProblemErrorController.class, RuntimeClientConfiguration.class, IdleTrimConfiguration.class,
        ServiceKeyConfiguration.class})
@ConfigurationPropertiesScan
public class WidgetRendererApplication {

    public static void main(String[] args) {
        SpringApplication.run(WidgetRendererApplication.class, args);
    }
}
