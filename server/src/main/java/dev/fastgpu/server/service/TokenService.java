package dev.fastgpu.server.service;

import dev.fastgpu.store.Store;
import dev.fastgpu.store.TokenKind;
import dev.fastgpu.store.TokenRecord;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Creates bearer tokens (random 256-bit secrets) and resolves them; only SHA-256 hashes are stored. */
public final class TokenService {
    private final Store store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenRecord> cache = new ConcurrentHashMap<>();

    public TokenService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Issues a new token and returns its secret (shown once). */
    public String issue(TokenKind kind, String user, String nodeId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "fg" + kind.name().toLowerCase(Locale.ROOT).charAt(0) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        register(kind, user, nodeId, secret);
        return secret;
    }

    /** Stores the hash of a secret chosen elsewhere (e.g. FASTGPU_ADMIN_TOKEN). */
    public void register(TokenKind kind, String user, String nodeId, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("a token must be at least 16 characters long");
        }
        store.ensureUser(user);
        store.insertToken(new TokenRecord(Sha256.hex(secret), kind, user, nodeId, clock.instant()));
    }

    /** The principal behind an {@code Authorization} header value, or empty when missing or unknown. */
    public Optional<Principal> resolve(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String secret = authorizationHeader.substring(7).trim();
        if (secret.isEmpty()) return Optional.empty();
        String h = Sha256.hex(secret);
        TokenRecord t = cache.get(h);
        if (t == null) {
            t = store.tokenByHash(h).orElse(null);
            if (t == null) return Optional.empty();
            cache.put(h, t);
        }
        return Optional.of(new Principal(t.user(), t.kind(), t.nodeId()));
    }

    public boolean exists(TokenKind kind) {
        return store.countTokens(kind) > 0;
    }
}
