package com.themepress.server.registry;

import java.util.HashMap;
import java.util.Map;

/**
 * A developer's use as this replica last knew it: each addon at its largest active claim, and their
 * sum. It holds while no other change of the developer's versions has been counted since
 * {@code counted} ({@link DeveloperQuotas}); it is only read and changed under the developer's turn.
 */
final class UsageView {

    private final Map<String, ResourceClaim> byAddon = new HashMap<>();
    private ResourceClaim total = ResourceClaim.NONE;
    private long counted;

    private UsageView(long counted) {
        this.counted = counted;
    }

    /** No use yet, and no count seen: filled by {@link #add(String, ResourceClaim)}. */
    static UsageView empty() {
        return new UsageView(-1);
    }

    long counted() {
        return counted;
    }

    ResourceClaim total() {
        return total;
    }

    /** The total if {@code addon} also had a version claiming {@code claim}. */
    ResourceClaim totalWith(String addon, ResourceClaim claim) {
        ResourceClaim before = byAddon.getOrDefault(addon, ResourceClaim.NONE);
        return total.minus(before).plus(before.max(claim));
    }

    void add(String addon, ResourceClaim claim, long nowCounted) {
        add(addon, claim);
        counted = nowCounted;
    }

    /** Changes counted up to {@code nowCounted} left the use as it is. */
    void seen(long nowCounted) {
        counted = nowCounted;
    }

    /** Each addon counted once, at the largest claim among its active versions. */
    void add(String addon, ResourceClaim claim) {
        total = totalWith(addon, claim);
        byAddon.merge(addon, claim, ResourceClaim::max);
    }
}
