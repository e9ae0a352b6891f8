package com.themepress.server.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Resources;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Keeps each addon within the per-addon maxima and each developer's addons within their caps
 * ({@link QuotaProperties}). A registration that would pass a cap is refused with 422
 * {@code quota-exceeded} and changes nothing.
 *
 * <p>Two registrations of one developer must not both fit into the room that is left for one. On this
 * replica they take turns. Across replicas, every change of a developer's versions is counted in the
 * store after it is made ({@link RegistryStore#countChange}), and the new version is stored before it
 * is counted. A replica that finds the count one above what it last saw knows that nothing else
 * changed meanwhile, and adds the new version to the use it remembers ({@link UsageView}); otherwise it
 * sums the developer's active versions in the store, which then include every version counted before
 * its own. Of two registrations racing on two replicas, the one counted second sees the gap, sums, and
 * finds the other. Past a cap, the new version is deleted again (and that counted) before the addon
 * lists it, so it was never deployable. A refusal decides on remembered use only when that is exact
 * (nothing else counted since): summing on each attempt of a developer at a cap read all of its versions
 * every time (issue 25). On this replica a withdrawal is made and counted in the developer's turn
 * ({@link #changed}), so no registration here sees it uncounted.
 */
@Component
class DeveloperQuotas {

    private final RegistryStore store;
    private final QuotaProperties limits;
    private final ReentrantLock[] turns = new ReentrantLock[64];
    private final Cache<String, UsageView> views = Caffeine.newBuilder().maximumSize(10_000).build();

    DeveloperQuotas(RegistryStore store, QuotaProperties limits) {
        this.store = store;
        this.limits = limits;
        for (int i = 0; i < turns.length; i++) {
            turns[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code insert} (which stores {@code manifest}'s version) and keeps what it stored if that leaves
     * {@code developer} within every cap; otherwise deletes it again and throws 422 {@code quota-exceeded}.
     */
    AddonVersionDocument admit(String developer, AddonManifest manifest, Supplier<AddonVersionDocument> insert) {
        requireWithinAddonMaxima(manifest);
        ReentrantLock turn = turnOf(developer);
        turn.lock();
        try {
            AddonVersionDocument stored = insert.get();
            long counted = store.countChange(developer);
            ResourceClaim claim = ResourceClaim.of(manifest.resources());
            UsageView remembered = views.getIfPresent(developer);
            // Only ours was counted since this replica last knew the use: it is still exact. Otherwise
            // sum the store's active versions, which include every change counted before ours.
            UsageView use = remembered != null && remembered.counted() == counted - 1 ? remembered : sum(developer, stored.id());
            List<Exceeded> exceeded = exceeded(use.total(), use.totalWith(manifest.name(), claim));
            if (!exceeded.isEmpty()) {
                store.delete(stored);
                long after = store.countChange(developer);
                if (after == counted + 1) {
                    // nothing else counted meanwhile: the use is still exactly this, so a developer at a
                    // cap is not summed again on every attempt
                    use.seen(after);
                    views.put(developer, use);
                } else {
                    views.invalidate(developer);
                }
                throw refusal(developer, manifest, exceeded);
            }
            use.add(manifest.name(), claim, counted);
            views.put(developer, use);
            return stored;
        } finally {
            turn.unlock();
        }
    }

    /**
     * Makes {@code change} to {@code developer}'s versions (a withdrawal, a version taken back) and counts
     * it, in the developer's turn: no registration on this replica then sees the change uncounted, so
     * none decides on use that has just shrunk.
     */
    void changed(String developer, Runnable change) {
        ReentrantLock turn = turnOf(developer);
        turn.lock();
        try {
            change.run();
            store.countChange(developer);
        } finally {
            turn.unlock();
        }
    }

    private ReentrantLock turnOf(String developer) {
        return turns[Math.floorMod(developer.hashCode(), turns.length)];
    }

    /** The use of {@code developer}'s active versions in the store, but for {@code leaveOut}'s. */
    private UsageView sum(String developer, String leaveOut) {
        UsageView use = UsageView.empty();
        store.forEachActiveClaim(developer, c -> {
            if (!c.versionId().equals(leaveOut)) {
                use.add(c.addon(), c.claim());
            }
        });
        return use;
    }

    private void requireWithinAddonMaxima(AddonManifest manifest) {
        Resources asked = manifest.resources();
        List<FieldError> errors = new ArrayList<>();
        if (asked.memoryMb() > limits.addonMemoryMb()) {
            errors.add(new FieldError("/resources/memoryMb", "at most " + limits.addonMemoryMb() + " (themepress.quotas.addon-memory-mb)"));
        }
        if (ResourceClaim.milliCpus(asked.cpus()) > ResourceClaim.milliCpus(limits.addonCpus())) {
            errors.add(new FieldError("/resources/cpus", "at most " + limits.addonCpus() + " (themepress.quotas.addon-cpus)"));
        }
        if (asked.maxInstances() > limits.addonInstances()) {
            errors.add(new FieldError("/resources/maxInstances", "at most " + limits.addonInstances() + " (themepress.quotas.addon-instances)"));
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.QUOTA_EXCEEDED, manifest.name() + "@" + manifest.version()
                    + " asks for more than one addon may have: " + errors.get(0).pointer() + " " + errors.get(0).message() + ".", errors);
        }
    }

    /** The caps {@code after} passes that {@code used} did not already reach: a registration that adds nothing is not refused. */
    private List<Exceeded> exceeded(ResourceClaim used, ResourceClaim after) {
        List<Exceeded> exceeded = new ArrayList<>();
        check("developer-memory-mb", "/resources/memoryMb", used.memoryMb(), after.memoryMb(), limits.developerMemoryMb(), exceeded);
        check("developer-cpus", "/resources/cpus", used.milliCpus(), after.milliCpus(),
                ResourceClaim.milliCpus(limits.developerCpus()), exceeded);
        check("developer-instances", "/resources/maxInstances", used.instances(), after.instances(), limits.developerInstances(), exceeded);
        return exceeded;
    }

    private static void check(String cap, String pointer, long used, long after, long limit, List<Exceeded> exceeded) {
        if (after > limit && after > used) {
            exceeded.add(new Exceeded(cap, pointer, used, after, limit));
        }
    }

    /** What one stored active version claims. */
    record Claim(String versionId, String addon, ResourceClaim claim) {
    }

    private static PlatformException refusal(String developer, AddonManifest manifest, List<Exceeded> exceeded) {
        Exceeded first = exceeded.get(0);
        PlatformException problem = new PlatformException(ProblemType.QUOTA_EXCEEDED, "Registering " + manifest.name() + "@"
                + manifest.version() + " would take developer '" + developer + "' past its cap " + first.cap() + ": its addons claim "
                + first.shown(first.used()) + " now, " + first.shown(first.after()) + " with this version, and the limit is "
                + first.shown(first.limit()) + " (themepress.quotas." + first.cap() + "). Withdraw versions or ask for less.",
                exceeded.stream().map(e -> new FieldError(e.pointer(), "would take " + e.cap() + " to " + e.shown(e.after())
                        + ", over its limit " + e.shown(e.limit()))).toList());
        problem.getBody().setProperty("quotas", exceeded.stream().map(Exceeded::member).toList());
        return problem;
    }

    /** One cap a registration would pass, in the cap's unit (CPUs in thousandths until shown). */
    private record Exceeded(String cap, String pointer, long used, long after, long limit) {

        String shown(long amount) {
            return String.valueOf(amount(amount));
        }

        /** CPUs as a decimal number, memory and instances as whole ones. */
        Number amount(long amount) {
            return cap.equals("developer-cpus") ? (Number) (amount / 1000.0) : (Number) amount;
        }

        Map<String, Object> member() {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("cap", cap);
            member.put("used", amount(used));
            member.put("requested", amount(after - used));
            member.put("limit", amount(limit));
            return member;
        }
    }
}
