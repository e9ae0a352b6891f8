package com.themepress.runtime.sandbox;

import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.themepress.runtime.pool.ContainerDeath;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.pool.InstanceDriver;
import com.themepress.runtime.pool.Launched;

/**
 * Instances as Docker containers. At start it removes every container left with this runtime's
 * label (a crashed predecessor's; deployments are PUT again by the addon-server, so nothing is
 * adopted) and follows the engine's {@code die} events for its containers; at shutdown it removes
 * whatever is still labelled with its id. The runtime reaches an instance at its container IP on
 * the bridge network it joined: the host routes to bridge networks, internal ones included.
 */
@Component
@OnDockerDriver
public class DockerSandbox implements InstanceDriver, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);

    private final DockerClient docker;
    private final DockerClient events;
    private final SandboxProperties props;
    private final SandboxProfile profile;
    private final NetworkPolicy policy;
    private final SandboxNetworks networks;
    private final HttpClient http;
    private final HostApiAccess hostApi;
    private final List<Consumer<ContainerDeath>> deathListeners = new CopyOnWriteArrayList<>();
    /**
     * Containers the engine reported an {@code oom} event for. The {@code die} event comes after it; by
     * then the container may already be removed (the pool replaces a dead instance at once), and an
     * inspect of a removed container cannot tell an OOM kill from any other exit.
     */
    private final Set<String> oomKilled = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 1024;
        }
    });
    /** Ends start-up boosts; engine calls, so not on a pool's thread. */
    private final ScheduledExecutorService boosts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "startup-boosts");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "docker-events");
        thread.setDaemon(true);
        return thread;
    });
    private volatile @Nullable Closeable eventStream;
    private volatile boolean closing;
    private final AtomicInteger reconnectAttempts = new AtomicInteger();

    DockerSandbox(DockerClients clients, SandboxProperties props, SandboxProfile profile, NetworkPolicy policy,
            SandboxNetworks networks, HttpClient addonHttpClient, HostApiAccess hostApi) {
        this.hostApi = hostApi;
        this.docker = clients.commands();
        this.events = clients.events();
        this.props = props;
        this.profile = profile;
        this.policy = policy;
        this.networks = networks;
        this.http = addonHttpClient;
    }

    /**
     * Removes leftovers and starts following deaths; an unreachable engine is logged, not fatal.
     * Networks are made (or checked) at the first launch on each.
     */
    @Override
    public void afterPropertiesSet() {
        try {
            int removed = removeLabelled();
            if (removed > 0) {
                log.info("Removed {} container(s) left by an earlier run of runtime '{}'", removed, props.runtimeId());
            }
        } catch (RuntimeException e) {
            log.error("Docker engine at {} is not usable yet: {}", props.dockerHost(), e.getMessage());
        }
        followDeaths();
    }

    @Override
    public void destroy() {
        closing = true;
        reconnects.shutdownNow();
        boosts.shutdownNow();
        closeQuietly(eventStream);
        try {
            int removed = removeLabelled();
            if (removed > 0) {
                log.info("Removed {} remaining container(s) at shutdown", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not sweep containers at shutdown: {}", e.getMessage());
        }
    }

    @Override
    public Launched launch(DeploymentKey key, DeploymentSpec spec, String instanceId) {
        String network = policy.networkFor(key, spec);
        String networkId = networks.ensure(network);
        String id;
        try {
            id = createContainer(key, spec, instanceId, networkId, hostApiUrl(network));
        } catch (NotFoundException networkRemovedMeanwhile) {
            networks.forget(network);
            String again = networks.ensure(network);
            id = createContainer(key, spec, instanceId, again, hostApiUrl(network));
        }
        try {
            docker.startContainerCmd(id).exec();
            ContainerNetwork attached = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(network);
            String ip = attached == null ? null : attached.getIpAddress();
            if (ip == null || ip.isBlank()) {
                throw new IllegalStateException("container " + id + " has no address on network " + network);
            }
            boostUntilSettled(id, spec.resources().cpus());
            return new Launched(id, URI.create("http://" + ip + ":" + props.containerPort()));
        } catch (RuntimeException e) {
            destroy(id);
            throw e;
        }
    }

    /** A container started with more CPUs than its manifest's gets its own share back after the boost. */
    private void boostUntilSettled(String containerId, double cpus) {
        if (props.startCpus(cpus) > cpus) {
            boosts.schedule(() -> settle(containerId, cpus), props.startupBoost().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Puts a container back to its manifest's CPUs. One the engine cannot update is removed (the pool
     * replaces it), so that no container keeps more than it was granted.
     */
    private void settle(String containerId, double cpus) {
        try {
            docker.updateContainerCmd(containerId).withNanoCPUs(SandboxProfile.nanoCpus(cpus)).exec();
        } catch (NotFoundException gone) {
            log.trace("Container {} left before its start-up boost ended", containerId);
        } catch (RuntimeException e) {
            log.warn("Container {} could not be put back to {} CPUs after its start-up boost ({}); removing it", containerId, cpus,
                    e.getMessage());
            destroy(containerId);
        }
    }

    /** The host API on the network's gateway address, or none (host API off, or an engine that names no gateway). */
    private Optional<String> hostApiUrl(String network) {
        return networks.gateway(network).flatMap(hostApi::urlFor);
    }

    private String createContainer(DeploymentKey key, DeploymentSpec spec, String instanceId, String networkId,
            Optional<String> hostApiUrl) {
        List<String> env = new ArrayList<>(List.of("ADDON_NAME=" + key.name(), "ADDON_VERSION=" + key.version(),
                "INSTANCE_ID=" + instanceId, "ADDON_CONFIG=" + spec.configJson()));
        hostApiUrl.ifPresent(url -> env.add(HostApiAccess.ENV + "=" + url));
        return docker.createContainerCmd(spec.image())
                .withName(containerName(key, instanceId))
                .withUser(profile.user())
                .withEnv(env)
                .withLabels(Labels.of(props.runtimeId(), key, instanceId, spec.hash()))
                .withExposedPorts(ExposedPort.tcp(props.containerPort()))
                .withHostConfig(profile.hostConfig(spec.resources(), networkId))
                .exec()
                .getId();
    }

    @Override
    public CompletableFuture<Boolean> health(Launched instance, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(instance.baseUri().resolve("/health")).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null && response.statusCode() / 100 == 2);
    }

    @Override
    public Optional<ContainerDeath> exited(Launched instance) {
        return death(instance.containerId());
    }

    private Optional<ContainerDeath> death(String containerId) {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return Optional.empty();
            }
            boolean oom = Boolean.TRUE.equals(state.getOOMKilled()) || seenOom(containerId);
            Long exit = state.getExitCodeLong();
            return Optional.of(new ContainerDeath(containerId, oom ? "oom_killed" : "exited", exit == null ? -1 : exit.intValue()));
        } catch (NotFoundException gone) {
            return Optional.of(new ContainerDeath(containerId, seenOom(containerId) ? "oom_killed" : "exited", -1));
        }
    }

    private boolean seenOom(String containerId) {
        synchronized (oomKilled) {
            return oomKilled.contains(containerId);
        }
    }

    @Override
    public void destroy(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            log.trace("Container {} was already gone", containerId);
        } catch (ConflictException removalInProgress) {
            log.trace("Container {} is already being removed", containerId);
        }
    }

    @Override
    public boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    @Override
    public void onDeath(Consumer<ContainerDeath> listener) {
        deathListeners.add(listener);
    }

    /** Every container, running or not, labelled with this runtime's id; removed in parallel. */
    int removeLabelled() {
        List<Container> mine = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.RUNTIME, props.runtimeId()))
                .exec();
        mine.parallelStream().forEach(c -> destroy(c.getId()));
        return mine.size();
    }

    private void followDeaths() {
        if (closing) {
            return;
        }
        try {
            eventStream = events.eventsCmd()
                    .withLabelFilter(Map.of(Labels.RUNTIME, props.runtimeId()))
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter("die", "oom")
                    .exec(new ResultCallback.Adapter<Event>() {
                        @Override
                        public void onStart(Closeable stream) {
                            super.onStart(stream);
                            reconnectAttempts.set(0);
                        }

                        @Override
                        public void onNext(Event event) {
                            died(event);
                        }

                        @Override
                        public void onError(Throwable error) {
                            if (!closing) {
                                log.warn("Docker event stream failed ({}); reconnecting", error.toString());
                                reconnectSoon();
                            }
                        }

                        @Override
                        public void onComplete() {
                            if (!closing) {
                                reconnectSoon();
                            }
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("Cannot follow Docker events ({}); retrying", e.getMessage());
            reconnectSoon();
        }
    }

    /** 1 s, 2 s, 4 s... up to 30 s between attempts while the engine is away; back to 1 s once events flow. */
    private void reconnectSoon() {
        if (!closing) {
            long delay = Math.min(30, 1L << Math.min(5, reconnectAttempts.getAndIncrement()));
            reconnects.schedule(this::followDeaths, delay, TimeUnit.SECONDS);
        }
    }

    private void died(Event event) {
        String containerId = event.getId();
        if (containerId == null) {
            return;
        }
        if ("oom".equals(event.getAction()) || "oom".equals(event.getStatus())) {
            synchronized (oomKilled) {
                oomKilled.add(containerId);
            }
            return;
        }
        ContainerDeath death = death(containerId).orElse(new ContainerDeath(containerId, "exited", -1));
        for (Consumer<ContainerDeath> listener : deathListeners) {
            try {
                listener.accept(death);
            } catch (RuntimeException e) {
                log.warn("Death listener failed for {}", containerId, e);
            }
        }
    }

    /** Readable in {@code docker ps}; instance ids make it unique. */
    private String containerName(DeploymentKey key, String instanceId) {
        String name = "tp-" + props.runtimeId() + "-" + key.name() + "-" + instanceId;
        return name.replaceAll("[^a-zA-Z0-9_.-]", "_");
    }

    private static void closeQuietly(@Nullable Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.trace("Closing event stream", e);
        }
    }

    /** For the health indicator: the engine answers a ping. */
    boolean engineAnswers() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
