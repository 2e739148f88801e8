package dev.chatharness.load.fanout;

/**
 * The send time travels in the message body: {@code "fo t=<ms> "} followed by filler to the wanted size. The time
 * is the <em>intended</em> send time of the open-model schedule, read from the same clock that stamps the
 * receipt of each inbound frame (Gatling's clock), so the latency includes any delay of the sender itself and is
 * free of coordinated omission.
 */
public final class SendStamp {

    private static final String PREFIX = "fo t=";

    private SendStamp() {
    }

    public static String body(long intendedMillis, int size) {
        StringBuilder body = new StringBuilder(size).append(PREFIX).append(intendedMillis).append(' ');
        while (body.length() < size) {
            body.append('x');
        }
        return body.toString();
    }

    /** The stamped time, or -1 when the body carries no stamp (a message this run did not send). */
    public static long read(String body) {
        if (body == null || !body.startsWith(PREFIX)) {
            return -1;
        }
        int end = body.indexOf(' ', PREFIX.length());
        try {
            return Long.parseLong(end < 0 ? body.substring(PREFIX.length()) : body.substring(PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
