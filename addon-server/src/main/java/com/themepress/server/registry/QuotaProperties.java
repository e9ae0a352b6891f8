package com.themepress.server.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * How much of the runtime one addon, and all of one developer's addons, may ask for ({@link DeveloperQuotas}).
 * An addon's claim is what its {@code resources} let it take at once: {@code memoryMb × maxInstances},
 * {@code cpus × maxInstances} and {@code maxInstances}; a developer's use is the sum over its addons of
 * the largest claim among each addon's active (not withdrawn) versions, since any of them may become
 * the one that runs.
 *
 * @param addonMemoryMb      most {@code resources.memoryMb} one manifest may ask for
 * @param addonCpus          most {@code resources.cpus}
 * @param addonInstances     most {@code resources.maxInstances}
 * @param developerMemoryMb  most memory, in MB, all of a developer's addons may claim together
 * @param developerCpus      most CPUs all of a developer's addons may claim together
 * @param developerInstances most instances all of a developer's addons may claim together
 */
@Validated
@ConfigurationProperties("themepress.quotas")
public record QuotaProperties(
        @DefaultValue("2048") @Positive @Max(8192) int addonMemoryMb,
        @DefaultValue("2") @DecimalMin("0.001") @DecimalMax("8") double addonCpus,
        @DefaultValue("10") @Positive @Max(50) int addonInstances,
        @DefaultValue("16384") @Positive long developerMemoryMb,
        @DefaultValue("16") @DecimalMin("0.001") @DecimalMax("100000") double developerCpus,
        @DefaultValue("40") @Positive int developerInstances) {
}
