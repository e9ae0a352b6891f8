/**
 * Every decision about what an addon may do. Decisions ask a
 * {@link com.themepress.server.permissions.GrantSource} which permissions the addon holds (on a site);
 * features ask the decisions here rather than reading the manifest's permissions themselves.
 */
@NullMarked
package com.themepress.server.permissions;

import org.jspecify.annotations.NullMarked;
