/**
 * Instances as Kubernetes pods ({@code themepress.runtime.driver=kubernetes}): the same contract and
 * confinement as {@code sandbox}'s containers, in one namespace of a cluster. See {@code docs/kubernetes.md}.
 */
@NullMarked
package com.themepress.runtime.kubernetes;

import org.jspecify.annotations.NullMarked;
