package com.themepress.probe;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The service images' {@code HEALTHCHECK}: asks the service in the same container for its readiness probe
 * and exits 0 when it answers 200, 1 otherwise. The images' JRE has no shell, curl or wget, so Docker runs
 * this with {@code java}; it uses nothing but {@code java.base}, so the JVM it starts stays small.
 *
 * <p>It asks where the service listens: {@code SERVER_ADDRESS} and {@code SERVER_PORT} from the environment
 * (as Spring reads them), else loopback and the port given as the one argument (the image's default). A
 * wildcard address is asked on loopback. The probe path needs no service key.
 */
public final class HealthProbe {

    static final String PATH = "/actuator/health/readiness";
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe <default port>");
            System.exit(2);
        }
        System.exit(probe(target(System.getenv(), args[0]), TIMEOUT, System.out));
    }

    /** The readiness URL of the service this container runs. */
    static URI target(Map<String, String> env, String defaultPort) {
        String port = env.getOrDefault("SERVER_PORT", "").isBlank() ? defaultPort : env.get("SERVER_PORT").trim();
        return URI.create("http://" + host(env.getOrDefault("SERVER_ADDRESS", "")) + ":" + Integer.parseInt(port) + PATH);
    }

    private static String host(String address) {
        String host = address.trim();
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** 0 when the probe answers 200; otherwise 1, with what went wrong on {@code out} (Docker keeps it in the health log). */
    static int probe(URI uri, Duration timeout, PrintStream out) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            out.println(uri + " answered " + status);
            return status == 200 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println(uri + " did not answer: " + e);
            return 1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
