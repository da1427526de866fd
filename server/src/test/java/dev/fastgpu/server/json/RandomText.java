package dev.fastgpu.server.json;

import java.util.SplittableRandom;

/**
 * Random text for the tests that compare the hand-written JSON with Jackson's: ASCII with quotes,
 * backslashes and control characters, and on request one character outside ASCII (which the hand
 * writers leave to Jackson).
 */
public final class RandomText {
    private static final String CHARS = "abcXYZ09 _-./:=${}[],'\"\\\n\t\b\f\r\u0000\u0001\u001f\u007f";
    private static final String[] NOT_ASCII = {"é", "€", "\u2028", "😀"};

    private RandomText() {}

    /** Up to {@code maxLength - 1} characters, plus one outside ASCII when {@code odd}. */
    public static String text(SplittableRandom r, int maxLength, boolean odd) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(maxLength); i > 0; i--) b.append(CHARS.charAt(r.nextInt(CHARS.length())));
        if (odd) b.insert(r.nextInt(b.length() + 1), NOT_ASCII[r.nextInt(NOT_ASCII.length)]);
        return b.toString();
    }

    /** As {@link #text}, or null one time in four; never null when {@code odd} (the odd character must be there). */
    public static String maybe(SplittableRandom r, int maxLength, boolean odd) {
        return !odd && r.nextInt(4) == 0 ? null : text(r, maxLength, odd);
    }
}
