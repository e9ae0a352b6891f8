package com.themepress.gateway.widgets;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Keep-alive HTTP/1.1 connections to the renderer, pooled per event loop: a widget GET is sent on
 * a connection owned by the event loop that received it, so the whole exchange runs on one thread
 * without locks or hand-offs. A general-purpose client (pool acquisition across threads, URI
 * parsing, reactive operators per request) cost the gateway several times what the exchange
 * itself costs (docs/widget-rendering.md).
 *
 * <p>A request that fails on a reused connection before any answer arrived (the renderer closed
 * it while idle) is sent once more on a new connection; widget GETs are safe to repeat.
 *
 * <p>At most {@code maxInFlight} requests wait for the renderer at once (each holds a connection);
 * one more fails at once with {@link AtCapacity} instead of opening another connection, so a flood
 * toward a slow renderer is turned away at the gateway rather than piled onto the renderer.
 */
final class RendererConnections {

    /** What the caller learns: the whole response (the caller releases it) or why there is none. */
    interface Exchange {
        void answered(FullHttpResponse response);

        void failed(Throwable cause);
    }

    private record Idle(Channel channel, long since) {
    }

    private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("themepress.widget-edge.pending");
    private static final AttributeKey<Boolean> TIMER_ARMED = AttributeKey.valueOf("themepress.widget-edge.timer");
    /** The renderer already has {@code maxInFlight} requests from this gateway; nothing was sent. */
    static final class AtCapacity extends RuntimeException {
        AtCapacity(int limit) {
            super("the renderer already has " + limit + " requests in flight from this gateway", null, false, false);
        }
    }

    private static final int MAX_ANSWER = 16 * 1024 * 1024; // a render is at most 2 MiB of JSON; its fragment form a little more

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final long responseTimeoutNanos;
    private final long maxIdleNanos;
    private final int maxIdlePerLoop;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final FastThreadLocal<ArrayDeque<Idle>> idle = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Idle> initialValue() {
            return new ArrayDeque<>();
        }
    };

    RendererConnections(URI renderer, Duration connectTimeout, Duration responseTimeout, Duration maxIdle, int maxIdlePerLoop,
            int maxInFlight) {
        this.host = renderer.getHost();
        this.port = renderer.getPort() > 0 ? renderer.getPort() : 80;
        this.hostHeader = renderer.getPort() > 0 ? host + ":" + port : host;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.responseTimeoutNanos = responseTimeout.toNanos();
        this.maxIdleNanos = maxIdle.toNanos();
        this.maxIdlePerLoop = maxIdlePerLoop;
        this.maxInFlight = maxInFlight;
    }

    /** Requests sent to the renderer and not yet answered or failed. */
    int inFlight() {
        return inFlight.get();
    }

    String hostHeader() {
        return hostHeader;
    }

    /**
     * Sends {@code request} (released here) from {@code loop}, which must be the calling thread's
     * event loop; {@code socketType} is the channel class that loop serves (the server's own).
     */
    void send(EventLoop loop, Class<? extends Channel> socketType, FullHttpRequest request, Exchange exchange) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ReferenceCountUtil.release(request);
            exchange.failed(new AtCapacity(maxInFlight));
            return;
        }
        Channel reused = takeIdle();
        if (reused != null) {
            write(reused, new Pending(loop, socketType, request, exchange, true));
        } else {
            connect(new Pending(loop, socketType, request, exchange, false));
        }
    }

    private @Nullable Channel takeIdle() {
        ArrayDeque<Idle> mine = idle.get();
        long now = System.nanoTime();
        for (Idle candidate = mine.pollLast(); candidate != null; candidate = mine.pollLast()) {
            if (candidate.channel().isActive() && now - candidate.since() < maxIdleNanos) {
                return candidate.channel();
            }
            candidate.channel().close();
        }
        return null;
    }

    private void connect(Pending pending) {
        ChannelFuture connecting = new Bootstrap()
                .group(pending.loop)
                .channel(pending.socketType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER), new AnswerHandler());
                    }
                })
                .connect(host, port);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                write(connecting.channel(), pending);
            } else {
                Throwable cause = done.cause();
                pending.fail(cause instanceof ConnectException ? cause : new ConnectException("renderer not reachable: " + cause));
            }
        });
    }

    private void write(Channel channel, Pending pending) {
        channel.attr(PENDING).set(pending);
        pending.deadline = System.nanoTime() + responseTimeoutNanos;
        if (channel.attr(TIMER_ARMED).get() == null) {
            armTimer(channel, responseTimeoutNanos);
        }
        pending.request.retain(); // kept for one more try on a new connection
        channel.writeAndFlush(pending.request).addListener(written -> {
            if (!written.isSuccess()) {
                lost(channel, pending, written.cause());
            }
        });
    }

    /**
     * One timer per connection, not one per request: scheduling and cancelling a task for every
     * request was a measurable part of the edge's cost. The timer checks the request in flight
     * against its deadline and re-arms only while requests keep coming.
     */
    private void armTimer(Channel channel, long delayNanos) {
        channel.attr(TIMER_ARMED).set(Boolean.TRUE);
        channel.eventLoop().schedule(() -> checkDeadline(channel), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkDeadline(Channel channel) {
        channel.attr(TIMER_ARMED).set(null);
        Pending pending = channel.attr(PENDING).get();
        if (pending == null || !channel.isActive()) {
            return;
        }
        long left = pending.deadline - System.nanoTime();
        if (left > 0) {
            armTimer(channel, left);
        } else if (channel.attr(PENDING).compareAndSet(pending, null)) {
            channel.close();
            pending.fail(ReadTimeoutException.INSTANCE);
        }
    }

    /** The connection went away before answering: once more on a new one if it was a reused one, else fail. */
    private void lost(Channel channel, Pending pending, @Nullable Throwable cause) {
        if (!channel.attr(PENDING).compareAndSet(pending, null)) {
            return;
        }
        channel.close();
        if (pending.reused) {
            connect(pending.retry());
        } else {
            pending.fail(cause != null ? cause : new ConnectException("the renderer closed the connection without answering"));
        }
    }

    private void release(Channel channel, boolean keepAlive) {
        ArrayDeque<Idle> mine = idle.get();
        if (keepAlive && channel.isActive() && mine.size() < maxIdlePerLoop) {
            mine.addLast(new Idle(channel, System.nanoTime()));
        } else {
            channel.close();
        }
    }

    /**
     * One request in flight: owns the request until it is answered or failed, and its place in the
     * in-flight count (a retry carries both on; answer and fail each end them, once).
     */
    private final class Pending {
        final EventLoop loop;
        final Class<? extends Channel> socketType;
        final FullHttpRequest request;
        final Exchange exchange;
        final boolean reused;
        long deadline;

        Pending(EventLoop loop, Class<? extends Channel> socketType, FullHttpRequest request, Exchange exchange, boolean reused) {
            this.loop = loop;
            this.socketType = socketType;
            this.request = request;
            this.exchange = exchange;
            this.reused = reused;
        }

        Pending retry() {
            return new Pending(loop, socketType, request, exchange, false);
        }

        void answer(FullHttpResponse response) {
            ReferenceCountUtil.release(request);
            inFlight.decrementAndGet();
            exchange.answered(response);
        }

        void fail(Throwable cause) {
            ReferenceCountUtil.release(request);
            inFlight.decrementAndGet();
            exchange.failed(cause);
        }
    }

    private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        AnswerHandler() {
            super(false); // the caller releases the response
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            Pending pending = context.channel().attr(PENDING).getAndSet(null);
            if (pending == null) {
                response.release(); // an answer after its timeout
                context.close();
                return;
            }
            release(context.channel(), HttpUtil.isKeepAlive(response));
            pending.answer(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            Pending pending = context.channel().attr(PENDING).get();
            if (pending != null) {
                lost(context.channel(), pending, null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            Pending pending = context.channel().attr(PENDING).get();
            if (pending != null && pending.reused) {
                lost(context.channel(), pending, cause);
            } else if (pending != null && context.channel().attr(PENDING).compareAndSet(pending, null)) {
                context.close();
                pending.fail(cause);
            } else {
                context.close();
            }
        }
    }
}
