package com.themepress.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.FreePorts;

/**
 * Every request on a keep-alive connection is read and answered. Reactor Netty 1.3.6 stopped reading a
 * connection after a request that had queued behind an unfinished one was answered at once
 * (reactor/reactor-netty#4361): the next request sat unread, and its client waited forever. Browsers
 * and HTTP clients send the next request as soon as they have an answer, which is how it hung the
 * gateway's tests under load; pipelining the two makes it happen every time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveTests {

    @DynamicPropertySource
    static void deadUpstream(DynamicPropertyRegistry registry) {
        // an unreachable addon-server: its route answers 503 once the connection is refused, after the request has been handed on
        registry.add("themepress.services.addon-server", () -> "http://127.0.0.1:" + FreePorts.next());
    }

    @LocalServerPort
    int port;

    @Test
    void readsTheRequestAfterAQueuedOneWasAnsweredAtOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 20; round++) {
                // the first is answered later (routed upstream); the second, queued behind it, at once (a redirect)
                out.write((get("/api/addons") + get("/demo")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusOf(in)).isEqualTo(503);
                assertThat(statusOf(in)).isEqualTo(308);

                out.write(get("/demo").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusOf(in)).as("round %d: the request after the queued one", round).isEqualTo(308);
            }
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** Reads one answer with a Content-Length body (all of these have one) and returns its status. */
    private static int statusOf(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        assertThat(at).as("answer has a Content-Length: %s", text).isPositive();
        in.readNBytes(Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim()));
        return Integer.parseInt(text.substring(9, 12));
    }
}
