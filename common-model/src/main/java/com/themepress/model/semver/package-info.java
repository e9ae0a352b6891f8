/**
 * Semantic Versioning 2.0.0 versions ({@link com.themepress.model.semver.SemVer}) and npm-style
 * version ranges ({@link com.themepress.model.semver.SemVerRange}) with node-semver 7's meaning.
 *
 * <p>Range parsing and matching agree with node-semver (loose mode and includePrerelease off);
 * {@code src/test/resources/semver/node-semver-oracle.tsv} records node-semver's own answers and
 * a test replays them. The deliberate differences are all about versions, not ranges:
 * <ul>
 *   <li>{@link com.themepress.model.semver.SemVer#parse} is strict: node-semver also accepts a
 *       leading {@code v}, surrounding whitespace, and numbers up to 2^53-1, while this accepts
 *       major, minor and patch only up to {@link Integer#MAX_VALUE}. Range bounds still go up to
 *       2^53-1 as in npm.</li>
 *   <li>Numeric prerelease identifiers are compared exactly at any size; node-semver compares
 *       those above 2^53 as rounded doubles, so it calls 1.0.0-9007199254740993 and
 *       1.0.0-9007199254740992 equal.</li>
 * </ul>
 */
package com.themepress.model.semver;
