package com.themepress.model.problem.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServletProblemsTests {

    @Test
    void answersWithStatusHeadersAndTheProblemBody() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/runtime/deployments/shop/1.0.0/execute/pay");
        MockHttpServletResponse response = new MockHttpServletResponse();
        PlatformException problem = new PlatformException(ProblemType.RATE_LIMITED, "Slow down.");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");

        ServletProblems.write(request, response, problem);

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
        assertThat(body.get("type").asString()).isEqualTo(ProblemType.RATE_LIMITED.uri().toString());
        assertThat(body.get("detail").asString()).isEqualTo("Slow down.");
        assertThat(body.get("instance").asString()).isEqualTo("/runtime/deployments/shop/1.0.0/execute/pay");
    }
}
