package com.themepress.testsupport.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile upstream on a loopback port: every request gets a 200 whose body never ends (chunked,
 * 64 KiB chunks of spaces, until the caller hangs up), or, with {@link #declaring(long, Map)}, a
 * Content-Length far larger than it then sends. It counts what it wrote, so a test can show that the
 * caller stopped reading instead of buffering the whole answer. A raw socket server rather than
 * {@link HttpFake}: it must write without end and notice when the reader goes away.
 */
public final class EndlessServer implements AutoCloseable {

    private static final byte[] CHUNK = chunk(64 * 1024);

    private final ServerSocket socket;
    private final Map<String, String> headers;
    private final long declaredLength;
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();

    private EndlessServer(Map<String, String> headers, long declaredLength) {
        this.headers = Map.copyOf(headers);
        this.declaredLength = declaredLength;
        try {
            this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "endless-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Chunked and endless, with these answer headers (e.g. Content-Type, X-Instance-Id). */
    public static EndlessServer chunked(Map<String, String> headers) {
        return new EndlessServer(headers, -1);
    }

    /** Declares {@code length} bytes in Content-Length, then streams until the caller hangs up. */
    public static EndlessServer declaring(long length, Map<String, String> headers) {
        return new EndlessServer(headers, length);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Body bytes written so far, over every connection. */
    public long written() {
        return written.get();
    }

    /** Answers that ended because the caller closed the connection. */
    public int abandoned() {
        return finished.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread writer = new Thread(() -> serve(connection), "endless-server-writer");
                writer.setDaemon(true);
                writer.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            skip(in, contentLength(readHead(in)));
            OutputStream out = connection.getOutputStream();
            out.write(head().getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(CHUNK);
                written.addAndGet(CHUNK.length);
            }
        } catch (IOException callerWentAway) {
            finished.incrementAndGet();
        }
    }

    private String head() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (declaredLength >= 0) {
            all.put("Content-Length", Long.toString(declaredLength));
        } else {
            all.put("Transfer-Encoding", "chunked");
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    /** One framed chunk of spaces; with a declared length the framing is just more body bytes. */
    private static byte[] chunk(int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) ' ');
        byte[] prefix = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + size + 2];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(data, 0, framed, prefix.length, size);
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';
        return framed;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.readNBytes((int) Math.min(n, Integer.MAX_VALUE));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket only fails if it is already closed
        }
    }
}
