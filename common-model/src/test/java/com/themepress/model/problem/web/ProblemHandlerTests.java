package com.themepress.model.problem.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProblemHandlerTests {

    final MeterRegistry meters = new SimpleMeterRegistry();
    final ProblemHandler handler = new ProblemHandler(
            new StaticListableBeanFactory(Map.of("meters", meters)).getBeanProvider(MeterRegistry.class));
    final MockHttpServletResponse response = new MockHttpServletResponse();
    final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/api/addons/a/execute/b"), response);

    double disconnects() {
        return meters.counter("clients.disconnected").count();
    }

    @Test
    void answersNothingAndCountsAClientThatWentAway() {
        ResponseEntity<Object> answer = handler.unexpected(new IOException("Broken pipe"), request);

        assertThat(answer).isNull();
        assertThat(disconnects()).isEqualTo(1);
    }

    @Test
    void recognisesTheDisconnectUnderAWrappingException() throws Exception {
        response.setCommitted(true);
        ResponseEntity<Object> answer = handler.handleException(
                new HttpMessageNotWritableException("Could not write JSON", new IOException("Connection reset by peer")), request);

        assertThat(answer).isNull();
        assertThat(disconnects()).isEqualTo(1);
    }

    @Test
    void stillAnswersOtherFailuresWithAProblem() {
        ResponseEntity<Object> answer = handler.unexpected(new IllegalStateException("a bug"), request);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(disconnects()).isZero();
    }
}
