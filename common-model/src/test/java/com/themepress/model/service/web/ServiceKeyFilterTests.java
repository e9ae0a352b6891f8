package com.themepress.model.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.themepress.model.service.ServiceKeyProperties;

/** The one check every internal service runs first: no key, no entry, whatever the path. */
class ServiceKeyFilterTests {

    static final String KEY = "0123456789abcdef-service-key";

    final ServiceKeyFilter filter = new ServiceKeyFilter(new ServiceKeyProperties(KEY));

    /** A request as the container hands it over: the raw URI, and the path it routes on. */
    static MockHttpServletRequest request(String method, String uri, String routedPath) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath(routedPath);
        return request;
    }

    @ParameterizedTest
    @CsvSource({"PUT,/runtime/deployments/x/1.0.0", "GET,/internal/widgets/shop/card", "GET,/api/widgets/shop/card",
            "GET,/actuator/prometheus", "GET,/actuator/healthy", "GET,/"})
    void aRequestWithoutTheKeyIsRefusedWith401AndGoesNoFurther(String method, String path) throws Exception {
        MockHttpServletRequest request = request(method, path, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("https://themepress.dev/problems/unauthenticated")
                .contains("X-Service-Key").contains("\"instance\":\"" + path + "\"");
        assertThat(chain.getRequest()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"wrong-key-of-the-right-size", "0123456789abcdef-service-ke", "0123456789abcdef-service-keyy", "''"})
    void aWrongKeyIsRefused(String presented) throws Exception {
        MockHttpServletRequest request = request("PUT", "/runtime/deployments/x/1.0.0", "/runtime/deployments/x/1.0.0");
        request.addHeader("X-Service-Key", presented);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void theKeyLetsTheRequestIn() throws Exception {
        MockHttpServletRequest request = request("PUT", "/runtime/deployments/x/1.0.0", "/runtime/deployments/x/1.0.0");
        request.addHeader("x-service-key", KEY);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void prometheusMayPresentTheKeyAsABearerTokenForTheMetrics() throws Exception {
        MockHttpServletRequest request = request("GET", "/actuator/prometheus", "/actuator/prometheus");
        request.addHeader("Authorization", "Bearer " + KEY);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @ParameterizedTest
    @CsvSource({"/actuator/prometheus,Bearer wrong-key-of-the-right-size", "/actuator/prometheus,Basic " + KEY,
            "/runtime/deployments/x/1.0.0,Bearer " + KEY, "/actuator/prometheus/../../runtime/deployments,Bearer " + KEY})
    void aBearerTokenIsTheKeyOnlyForTheMetricsAndOnlyWhenItIsTheKey(String path, String authorization) throws Exception {
        MockHttpServletRequest request = request("GET", path, path.contains("..") ? "/runtime/deployments" : path);
        request.addHeader("Authorization", authorization);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void theProbesNeedNoKey(String path) throws Exception {
        MockHttpServletRequest request = request("GET", path, path);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aPathThatOnlyLooksLikeAProbeIsNotOne() throws Exception {
        // Tomcat routes this to /internal/widgets/shop/card; getRequestURI() still shows the raw form
        MockHttpServletRequest request = request("GET", "/actuator/health/../../internal/widgets/shop/card",
                "/internal/widgets/shop/card");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void withoutAConfiguredKeyEveryRequestPasses() throws Exception {
        for (String none : new String[] {null, "", "  "}) {
            MockHttpServletRequest request = request("PUT", "/runtime/deployments/x/1.0.0", "/runtime/deployments/x/1.0.0");
            MockFilterChain chain = new MockFilterChain();

            new ServiceKeyFilter(new ServiceKeyProperties(none)).doFilter(request, new MockHttpServletResponse(), chain);

            assertThat(chain.getRequest()).as("key '%s'", none).isSameAs(request);
        }
    }

    @Test
    void theSettingsNeverShowTheKey() {
        assertThat(new ServiceKeyProperties(KEY).toString()).doesNotContain(KEY).contains("(set)");
        assertThat(ServiceKeyProperties.NONE.toString()).contains("(none)");
    }
}
