package com.themepress.runtime.kubernetes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;

import com.themepress.runtime.pool.ContainerDeath;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.pool.InstanceDriver;
import com.themepress.runtime.pool.Launched;
import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.sandbox.HostApiAccess;
import com.themepress.runtime.sandbox.Labels;
import com.themepress.runtime.sandbox.NetworkPolicy;
import com.themepress.runtime.sandbox.SandboxProperties;
import com.themepress.runtime.time.Ticker;

/**
 * Instances as pods in one namespace. A launch adopts a live pod an earlier run of this runtime id left for the
 * same deployment and spec, or makes one (after its addon's NetworkPolicies) and waits for its pod IP; the pool
 * then polls {@code /health} there as with a container. Deaths come from an informer on the runtime-id label.
 * At start, live leftovers become {@link Orphans} (ended ones are removed); those still unclaimed after
 * {@code adoption-grace} are removed. At shutdown every pod with this runtime id is removed, as with Docker.
 * An image is not looked up in advance: one the cluster cannot pull fails the start, with the kubelet's reason.
 */
public class KubernetesDriver implements InstanceDriver, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KubernetesDriver.class);

    private final KubernetesClient client;
    private final KubernetesProperties props;
    private final SandboxProperties sandbox;
    private final PoolProperties pool;
    private final NetworkPolicy policy;
    private final HostApiAccess hostApi;
    private final HttpClient http;
    private final Ticker ticker;
    private final PodProfile profile;
    private final AddonNetworkPolicies policies;
    private final Orphans orphans = new Orphans();
    private final PodDeaths deaths = new PodDeaths(orphans::forget);
    private volatile boolean leftoversCollected;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pod-orphans");
        thread.setDaemon(true);
        return thread;
    });

    public KubernetesDriver(KubernetesClient client, KubernetesProperties props, SandboxProperties sandbox, PoolProperties pool,
            NetworkPolicy policy, HostApiAccess hostApi, HttpClient addonHttpClient, Ticker ticker) {
        if (!PodLabels.isValue(sandbox.runtimeId())) {
            throw new IllegalStateException("themepress.runtime.sandbox.runtime-id must be a Kubernetes label value "
                    + "(at most 63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends), not " + sandbox.runtimeId());
        }
        this.client = client;
        this.props = props;
        this.sandbox = sandbox;
        this.pool = pool;
        this.policy = policy;
        this.hostApi = hostApi;
        this.http = addonHttpClient;
        this.ticker = ticker;
        this.profile = new PodProfile(sandbox, props);
        this.policies = new AddonNetworkPolicies(client, props, sandbox);
    }

    @Override
    public void afterPropertiesSet() {
        collectLeftoversOnce();
        deaths.start(client, props.namespace(), sandbox.runtimeId());
        long every = Math.max(1000, props.adoptionGrace().toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** An API server that did not answer at start is asked again at the next sweep; an error never ends the sweeps. */
    private void sweep() {
        try {
            collectLeftoversOnce();
            removeUnadopted();
        } catch (RuntimeException e) {
            log.warn("Could not sweep leftover pods: {}", e.getMessage());
        }
    }

    private void collectLeftoversOnce() {
        if (leftoversCollected) {
            return;
        }
        try {
            collectLeftovers();
            leftoversCollected = true;
        } catch (RuntimeException e) {
            log.error("Kubernetes API is not usable yet: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        deaths.stop();
        try {
            List<?> removed = mine().withGracePeriod(0).delete();
            if (!removed.isEmpty()) {
                log.info("Removed {} remaining pod(s) at shutdown", removed.size());
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove pods at shutdown: {}", e.getMessage());
        }
    }

    /** Live pods of this runtime id wait for adoption; the rest (ended, being deleted) go now. */
    void collectLeftovers() {
        long now = ticker.nanoTime();
        int removed = 0;
        for (Pod pod : mine().list().getItems()) {
            Map<String, String> notes = pod.getMetadata().getAnnotations();
            if (PodStates.live(pod) && notes != null && notes.containsKey(Labels.SPEC)) {
                orphans.add(notes.get(Labels.ADDON), notes.get(Labels.VERSION), notes.get(Labels.SPEC),
                        pod.getMetadata().getName(), now);
            } else {
                destroy(pod.getMetadata().getName());
                removed++;
            }
        }
        log.info("Runtime '{}' found {} pod(s) to adopt and removed {} ended one(s)", sandbox.runtimeId(), orphans.size(), removed);
    }

    /** Removes the leftovers no deployment claimed within the grace. */
    void removeUnadopted() {
        List<String> expired = orphans.expired(ticker.nanoTime(), props.adoptionGrace().toNanos());
        expired.forEach(this::destroy);
        if (!expired.isEmpty()) {
            log.info("Removed {} leftover pod(s) no deployment adopted", expired.size());
        }
    }

    @Override
    public Launched launch(DeploymentKey key, DeploymentSpec spec, String instanceId) {
        return adopt(key, spec, instanceId).orElseGet(() -> create(key, spec, instanceId));
    }

    /**
     * A live orphan of the same deployment and spec, relabelled with the new instance id. One that was told another
     * host API address (this runtime's pod was replaced, not just restarted) could not reach it, and goes.
     */
    private Optional<Launched> adopt(DeploymentKey key, DeploymentSpec spec, String instanceId) {
        for (Optional<String> name = orphans.take(key, spec.hash()); name.isPresent(); name = orphans.take(key, spec.hash())) {
            Pod pod = pods().withName(name.get()).get();
            if (pod != null && PodStates.live(pod) && toldHostApi(pod).equals(hostApiUrl().orElse(""))) {
                // The pool knows it by its new instance id from now on; the label says so for kubectl and the next adoption.
                pods().withName(name.get()).edit(p -> new PodBuilder(p).editMetadata()
                        .addToLabels(Labels.INSTANCE, instanceId).endMetadata().build());
                log.info("Adopted pod {} for {} as instance {}", name.get(), key, instanceId);
                return Optional.of(launched(pod));
            }
            destroy(name.get());
        }
        return Optional.empty();
    }

    private static String toldHostApi(Pod pod) {
        Map<String, String> notes = pod.getMetadata().getAnnotations();
        return notes == null ? "" : notes.getOrDefault(PodLabels.HOST_API, "");
    }

    private Optional<String> hostApiUrl() {
        return props.hostApiAddress().isEmpty() ? Optional.empty() : hostApi.urlFor(props.hostApiAddress());
    }

    private Launched create(DeploymentKey key, DeploymentSpec spec, String instanceId) {
        Optional<String> hostApiUrl = hostApiUrl();
        boolean outbound = policy.mayReachOut(key, spec);
        policies.ensure(key.name(), outbound, AddonNetworkPolicies.portOf(hostApiUrl));
        String name = PodLabels.podName(sandbox.runtimeId(), key, instanceId);
        pods().resource(profile.pod(name, key, spec, instanceId, outbound, hostApiUrl)).create();
        try {
            Pod pod = awaitAddress(name);
            return launched(pod);
        } catch (RuntimeException e) {
            destroy(name);
            throw e;
        }
    }

    /** Waits, up to the pool's start timeout, until the pod has an address, or cannot get one. */
    private Pod awaitAddress(String name) {
        Pod pod;
        try {
            pod = pods().withName(name).waitUntilCondition(p -> p == null || PodStates.ip(p).isPresent()
                    || PodStates.death(p).isPresent() || PodStates.stuck(p).isPresent(),
                    pool.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            // Unschedulable may pass (an autoscaler adds a node), so it is waited for, but named when time runs out.
            Pod pending = pods().withName(name).get();
            String why = pending == null ? "" : PodStates.unscheduled(pending).map(u -> " (" + u + ")").orElse("");
            throw new IllegalStateException("pod " + name + " got no address within " + pool.startTimeout().toMillis() + " ms" + why);
        }
        if (pod == null) {
            throw new IllegalStateException("pod " + name + " was deleted while starting");
        }
        Optional<String> stuck = PodStates.stuck(pod);
        if (stuck.isPresent()) {
            throw new IllegalStateException("pod " + name + " cannot start: " + stuck.get());
        }
        Optional<ContainerDeath> death = PodStates.death(pod);
        if (death.isPresent()) {
            throw new IllegalStateException("pod " + name + " " + death.get().reason() + " while starting (exit code "
                    + death.get().exitCode() + ")");
        }
        return pod;
    }

    private Launched launched(Pod pod) {
        String ip = PodStates.ip(pod).orElseThrow();
        return new Launched(pod.getMetadata().getName(), URI.create("http://" + ip + ":" + sandbox.containerPort()));
    }

    @Override
    public CompletableFuture<Boolean> health(Launched instance, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(instance.baseUri().resolve("/health")).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null && response.statusCode() / 100 == 2);
    }

    @Override
    public Optional<ContainerDeath> exited(Launched instance) {
        Pod pod = pods().withName(instance.containerId()).get();
        return pod == null ? Optional.of(new ContainerDeath(instance.containerId(), "exited", -1)) : PodStates.death(pod);
    }

    @Override
    public void destroy(String podName) {
        pods().withName(podName).withGracePeriod(0).delete();
    }

    /** Only the cluster's nodes can tell, at pull time: a missing image fails the start with the kubelet's reason. */
    @Override
    public boolean imageExists(String image) {
        return true;
    }

    @Override
    public void onDeath(Consumer<ContainerDeath> listener) {
        deaths.listen(listener);
    }

    private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
        return client.pods().inNamespace(props.namespace());
    }

    private FilterWatchListDeletable<Pod, PodList, PodResource> mine() {
        return pods().withLabel(Labels.RUNTIME, sandbox.runtimeId());
    }
}
