package com.themepress.runtime.pool;

import java.net.URI;

/**
 * A started container as the pool sees it.
 *
 * @param containerId engine id of the container
 * @param baseUri where the instance's contract answers, e.g. {@code http://172.18.0.3:3000}
 */
public record Launched(String containerId, URI baseUri) {
}
