package com.themepress.model.service.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;

import com.themepress.model.service.ServiceKeyProperties;

/** A service without a key starts only on loopback; with a key it may listen anywhere. */
class ListenAddressCheckTests {

    static AbstractConfigurableWebServerFactory listeningOn(String address) throws Exception {
        AbstractConfigurableWebServerFactory factory = mock(AbstractConfigurableWebServerFactory.class);
        when(factory.getAddress()).thenReturn(address.isEmpty() ? null : InetAddress.getByName(address));
        return factory;
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "127.0.0.2", "::1"})
    void loopbackNeedsNoKey(String address) throws Exception {
        assertThatCode(() -> new ListenAddressCheck(ServiceKeyProperties.NONE).customize(listeningOn(address))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"''", "0.0.0.0", "::", "10.1.2.3", "192.168.0.7"})
    void anyOtherAddressWithoutAKeyStopsTheStart(String address) throws Exception {
        AbstractConfigurableWebServerFactory factory = listeningOn(address);
        assertThatThrownBy(() -> new ListenAddressCheck(ServiceKeyProperties.NONE).customize(factory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a service key").hasMessageContaining("THEMEPRESS_SERVICE_KEY");
        assertThatThrownBy(() -> new ListenAddressCheck(new ServiceKeyProperties(" ")).customize(factory))
                .hasMessageContaining("without a service key");
    }

    @ParameterizedTest
    @CsvSource({"''", "0.0.0.0", "10.1.2.3"})
    void withAKeyAnyAddressWill(String address) throws Exception {
        assertThatCode(() -> new ListenAddressCheck(new ServiceKeyProperties("0123456789abcdef-key")).customize(listeningOn(address)))
                .doesNotThrowAnyException();
    }
}
