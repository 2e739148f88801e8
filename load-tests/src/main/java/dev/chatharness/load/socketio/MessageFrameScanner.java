package dev.chatharness.load.socketio;

/**
 * Reads a server's {@code message} event in place, for the fan-out receiver that runs once per delivery: only the
 * bytes of {@code conversationId}, {@code seq}, {@code id} and the send stamp at the head of {@code body} are
 * looked at, and nothing is allocated (no substring, no parser, no tree). One scanner per virtual user, reused for
 * every frame; not thread-safe.
 *
 * <pre>{@code
 * if (scanner.scan(frame)) {                  // 42["message",{...}] in the common form
 *     scanner.conversationIs("c1"); scanner.seq(); scanner.stamp(); scanner.id();
 * } else {
 *     SocketIoCodec.decodeMessage(frame);     // anything else: the general (Jackson) path decides
 * }
 * }</pre>
 *
 * <p>It accepts a strict subset of JSON: an object of scalar values (strings with valid escapes, numbers, true,
 * false, null) after the prefix a server writes for the default namespace. Whatever falls outside that subset (a
 * nested value, a malformed token, an escape inside the fields it reads, a seq that overflows) makes
 * {@link #scan} return false, so the caller hands the frame to {@link SocketIoCodec#decodeMessage}: what the
 * scanner accepts, it reads exactly as that decoder does (a test compares the two on generated frames).
 */
public final class MessageFrameScanner {

    private static final String PREFIX = "42[\"message\",";
    /** The body's stamp, as {@code dev.chatharness.load.fanout.SendStamp} writes it: {@code "fo t=<ms> ..."}. */
    private static final String STAMP = "fo t=";
    private static final String[] LITERALS = {"true", "false", "null"};

    private String frame;
    private int conversationStart;
    private int conversationEnd;
    private int idStart;
    private int idEnd;
    private long seq;
    private long stamp;

    /**
     * Reads {@code frame}; true when it is a {@code message} event this scanner can read, after which the accessors
     * describe it. False leaves the accessors undefined and means: use the general decoder.
     */
    public boolean scan(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return false;
        }
        frame = text;
        conversationStart = conversationEnd = idStart = idEnd = -1;
        seq = -1;
        stamp = -1;
        int i = skipSpace(PREFIX.length());
        if (i >= text.length() || text.charAt(i) != '{') {
            return false;
        }
        i = skipSpace(i + 1);
        if (i < text.length() && text.charAt(i) == '}') {
            return true;
        }
        while (i < text.length()) {
            if (text.charAt(i) != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = plainStringEnd(keyStart);
            if (keyEnd < 0) {
                return false; // an escaped or unterminated key
            }
            i = skipSpace(keyEnd + 1);
            if (i >= text.length() || text.charAt(i) != ':') {
                return false;
            }
            i = skipSpace(i + 1);
            i = value(keyStart, keyEnd - keyStart, i);
            if (i < 0) {
                return false;
            }
            i = skipSpace(i);
            if (i >= text.length()) {
                return false;
            }
            char c = text.charAt(i);
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            i = skipSpace(i + 1);
        }
        return false;
    }

    /** Whether the message's {@code conversationId} is a string equal to {@code id}. */
    public boolean conversationIs(String id) {
        return conversationStart >= 0 && id != null && conversationEnd - conversationStart == id.length()
                && frame.regionMatches(conversationStart, id, 0, id.length());
    }

    /** The message's {@code seq}, or -1 when it is missing or not an integer. */
    public long seq() {
        return seq;
    }

    /** The send stamp at the head of {@code body}, or -1 when the body is missing, not a string, or unstamped. */
    public long stamp() {
        return stamp;
    }

    /** The message's {@code id}, made into a String (a test's view: the receiver keeps {@link #idStart()}). */
    public String id() {
        return idStart < 0 ? null : frame.substring(idStart, idEnd);
    }

    /** Where the {@code id} string starts in the frame (-1: no string id), so a receiver can cut it out later. */
    public int idStart() {
        return idStart;
    }

    /** Where the {@code id} string ends in the frame (exclusive). */
    public int idEnd() {
        return idEnd;
    }

    // ---- the value of one field ---------------------------------------------------------------------------------

    /** Reads or skips the value at {@code i}; returns the index after it, or -1 to fall back. */
    private int value(int keyStart, int keyLength, int i) {
        if (i >= frame.length()) {
            return -1;
        }
        char c = frame.charAt(i);
        if (c == '"') {
            return stringValue(keyStart, keyLength, i + 1);
        }
        // a later field of the same name wins, as in the decoder: a non-string resets what an earlier one set
        if (is("conversationId", keyStart, keyLength)) {
            conversationStart = conversationEnd = -1;
        } else if (is("id", keyStart, keyLength)) {
            idStart = idEnd = -1;
        } else if (is("body", keyStart, keyLength)) {
            stamp = -1;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(is("seq", keyStart, keyLength), i);
        }
        if (is("seq", keyStart, keyLength)) {
            seq = -1;
        }
        for (String literal : LITERALS) {
            if (frame.startsWith(literal, i)) {
                return i + literal.length();
            }
        }
        return -1; // an object, an array or something malformed: the decoder decides
    }

    private int stringValue(int keyStart, int keyLength, int start) {
        if (is("seq", keyStart, keyLength)) {
            seq = -1;
        }
        boolean conversation = is("conversationId", keyStart, keyLength);
        boolean id = is("id", keyStart, keyLength);
        if (conversation || id) {
            int end = plainStringEnd(start);
            if (end < 0) {
                return -1; // an escape in an id: rare enough for the general path
            }
            if (conversation) {
                conversationStart = start;
                conversationEnd = end;
            } else {
                idStart = start;
                idEnd = end;
            }
            return end + 1;
        }
        if (is("body", keyStart, keyLength)) {
            if (readStamp(start) == Long.MIN_VALUE) {
                return -1;
            }
        }
        return anyStringEnd(start);
    }

    /**
     * Sets {@link #stamp} from the body starting at {@code start}; Long.MIN_VALUE when the stamp's region has an
     * escape or too many digits (the general path then reads it).
     */
    private long readStamp(int start) {
        stamp = -1;
        for (int i = start; i < Math.min(frame.length(), start + STAMP.length()); i++) {
            if (frame.charAt(i) == '\\') {
                return Long.MIN_VALUE; // an escaped letter of the stamp is still the stamp
            }
        }
        if (!frame.startsWith(STAMP, start)) {
            return stamp;
        }
        int i = start + STAMP.length();
        long value = 0;
        int digits = 0;
        boolean negative = i < frame.length() && (frame.charAt(i) == '-' || frame.charAt(i) == '+');
        if (negative) {
            return Long.MIN_VALUE; // signed stamps are never written; Long.parseLong's view of them is the decoder's
        }
        for (; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c == ' ' || c == '"') {
                break;
            }
            if (c == '\\' || c > 0x7f) {
                return Long.MIN_VALUE; // an escape, or a digit of another script that Long.parseLong reads
            }
            if (c < '0' || c > '9') {
                return stamp;
            }
            if (++digits > 18) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        if (digits > 0) {
            stamp = value;
        }
        return stamp;
    }

    /** An integer (for seq) or any JSON number (skipped); the index after it, or -1. */
    private int number(boolean isSeq, int i) {
        int start = i;
        if (frame.charAt(i) == '-') {
            i++;
        }
        int digitsStart = i;
        while (i < frame.length() && isDigit(frame.charAt(i))) {
            i++;
        }
        int digits = i - digitsStart;
        if (digits == 0 || (digits > 1 && frame.charAt(digitsStart) == '0')) {
            return -1;
        }
        boolean integral = true;
        if (i < frame.length() && frame.charAt(i) == '.') {
            integral = false;
            int fraction = ++i;
            while (i < frame.length() && isDigit(frame.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return -1;
            }
        }
        if (i < frame.length() && (frame.charAt(i) == 'e' || frame.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < frame.length() && (frame.charAt(i) == '+' || frame.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < frame.length() && isDigit(frame.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return -1;
            }
        }
        if (isSeq) {
            if (!integral) {
                seq = -1;
            } else if (digits > 18) {
                return -1; // beyond a long perhaps: the decoder knows
            } else {
                seq = Long.parseLong(frame, start, i, 10);
            }
        }
        return i;
    }

    // ---- strings ------------------------------------------------------------------------------------------------

    /** The index of the closing quote of a string without escapes or control characters, or -1. */
    private int plainStringEnd(int start) {
        for (int i = start; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /** The index after a string's closing quote, its escapes checked, or -1. */
    private int anyStringEnd(int start) {
        for (int i = start; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (++i >= frame.length()) {
                    return -1;
                }
                char e = frame.charAt(i);
                if (e == 'u') {
                    if (i + 4 >= frame.length()) {
                        return -1;
                    }
                    for (int h = 1; h <= 4; h++) {
                        if (Character.digit(frame.charAt(i + h), 16) < 0) {
                            return -1;
                        }
                    }
                    i += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private boolean is(String name, int keyStart, int keyLength) {
        return keyLength == name.length() && frame.regionMatches(keyStart, name, 0, keyLength);
    }

    private int skipSpace(int i) {
        while (i < frame.length()) {
            char c = frame.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
