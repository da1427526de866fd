package dev.fastgpu.server.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string, as lower-case hex. Every request hashes its bearer token and every
 * submission its spec; a clone of one digest skips the provider look-up that
 * {@link MessageDigest#getInstance} repeats on every call.
 */
final class Sha256 {
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError("SHA-256 is part of every JDK: " + e);
        }
    }

    private Sha256() {}

    static String hex(String s) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) PROTOTYPE.clone(); // the prototype itself is never updated, so clones start empty
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 digest cannot be cloned", e);
        }
        return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
