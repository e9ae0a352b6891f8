package com.themepress.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;


/** Instances reach the host's ports through their gateway; the runtime's own API must refuse them. */
class SandboxCallerFilterTests {

    final SandboxSubnets subnets = new SandboxSubnets();

    SandboxCallerFilterTests() {
        subnets.add("172.18.0.0/16", "172.18.0.1");
        subnets.add("10.9.8.0/24", "10.9.8.1");
        subnets.add("fd00::/64", null);
    }

    @ParameterizedTest
    @CsvSource({"172.18.0.2,true", "172.18.255.254,true", "10.9.8.77,true", "172.18.0.1,false", "10.9.8.1,false",
            "172.19.0.2,false", "127.0.0.1,false", "10.9.9.2,false", "::1,false", "not-an-ip,false"})
    void addressesOfInstancesAreRecognised(String address, boolean instance) {
        assertThat(subnets.contains(address)).isEqualTo(instance);
    }

    @Test
    void callFromAnInstanceIsRefusedWith403AndGoesNoFurther() throws Exception {
        SandboxCallerFilter filter = new SandboxCallerFilter(subnets);
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/runtime/deployments/x/1.0.0");
        request.setRemoteAddr("172.18.0.5");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("https://themepress.dev/problems/forbidden");
        assertThat(chain.getRequest()).isNull();

        MockHttpServletRequest fromHost = new MockHttpServletRequest("GET", "/runtime/deployments");
        fromHost.setRemoteAddr("127.0.0.1");
        MockFilterChain passed = new MockFilterChain();
        filter.doFilter(fromHost, new MockHttpServletResponse(), passed);
        assertThat(passed.getRequest()).isSameAs(fromHost);
    }
}
