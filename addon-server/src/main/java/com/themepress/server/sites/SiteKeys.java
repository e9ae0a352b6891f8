package com.themepress.server.sites;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.themepress.model.names.Names;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Issues and checks site keys. A key reads {@code sk_<site>_<64 hex>} or {@code pk_<site>_<64 hex>}:
 * the site id inside makes the check one cached read of the site, then a constant-time comparison
 * of the hash with the site's active keys of that kind. 256 random bits need no slow hash.
 */
@Component
public class SiteKeys {

    private final SiteDirectory sites;
    private final SecureRandom random = new SecureRandom();

    SiteKeys(SiteDirectory sites) {
        this.sites = sites;
    }

    /** A new key for {@code site}: the text to hand out once, and what is stored. */
    record Issued(String text, SiteKey stored) {
    }

    Issued issue(String site, KeyKind kind, Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String text = kind.prefix() + site + "_" + HexFormat.of().formatHex(secret);
        byte[] id = new byte[6];
        random.nextBytes(id);
        return new Issued(text, new SiteKey("key_" + HexFormat.of().formatHex(id), kind, hash(text), text.substring(text.length() - 4),
                now, null));
    }

    /** The site and kind of a presented site key; 401 when it is not an active key of an existing site. */
    public SiteCaller authenticate(String presented) {
        KeyKind kind = KeyKind.ofText(presented);
        String rest = presented.substring(kind.prefix().length());
        int cut = rest.lastIndexOf('_');
        String site = cut > 0 ? rest.substring(0, cut) : "";
        if (site.isEmpty() || !Names.SITE.matches(site)) {
            throw unknown();
        }
        SiteDocument found = sites.find(site).orElseThrow(SiteKeys::unknown);
        byte[] presentedHash = hash(presented).getBytes(StandardCharsets.US_ASCII);
        Optional<SiteKey> match = found.keys().stream()
                .filter(key -> key.active() && key.kind() == kind)
                .filter(key -> MessageDigest.isEqual(key.hash().getBytes(StandardCharsets.US_ASCII), presentedHash))
                .findFirst();
        return match.map(key -> new SiteCaller(site, kind, key.id())).orElseThrow(SiteKeys::unknown);
    }

    private static PlatformException unknown() {
        return new PlatformException(ProblemType.UNAUTHENTICATED, "The site key is not known or was rotated.");
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
