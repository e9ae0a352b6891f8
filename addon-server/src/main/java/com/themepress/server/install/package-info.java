/**
 * Installations: an addon version on a site, with its config and the site's grant. Every change is a
 * revision (rollback goes to the previous one) and an audit entry. The grant answers every
 * permission question asked for that site ({@link com.themepress.server.install.InstallationGrants}).
 */
@NullMarked
package com.themepress.server.install;

import org.jspecify.annotations.NullMarked;
