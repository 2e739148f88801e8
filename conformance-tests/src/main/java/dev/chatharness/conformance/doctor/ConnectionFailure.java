package dev.chatharness.conformance.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Names why a request never got an HTTP answer: nothing listening, TLS, DNS, time-out. */
final class ConnectionFailure {

    private ConnectionFailure() {
    }

    static Verdict verdict(String probe, String url, Throwable error) {
        Throwable cause = rootOf(error);
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
            if (message.contains("PKIX") || message.contains("unable to find valid certification path")) {
                return Verdict.fault(probe, Fault.TLS_UNTRUSTED, "the server's TLS certificate is not signed by a CA "
                        + "this machine trusts (" + message + ").", "pass the deployment's CA certificate with "
                        + "--ca-cert FILE (PEM), or caCert in the profile; --insecure skips the check, for a first look "
                        + "only.");
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return Verdict.fault(probe, Fault.TLS_MISMATCH, "the server's TLS certificate is for another host name "
                        + "(" + message + ").", "use the host name the certificate is issued for in --target, or "
                        + "reissue the certificate with this name among its subject alternative names.");
            }
            if (message.contains("Unsupported or unrecognized SSL message")) {
                return Verdict.fault(probe, Fault.NOTHING_LISTENING, "the server at " + url + " does not speak TLS on "
                        + "this port.", "use http:// instead of https://, or the port where TLS is served.");
            }
            return Verdict.fault(probe, Fault.TLS_UNTRUSTED, "the TLS handshake with " + url + " failed (" + message
                    + ").", "check the server's certificate and TLS versions; --ca-cert FILE for a private CA.");
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return Verdict.fault(probe, Fault.NOTHING_LISTENING, "nothing is listening at " + url + " ("
                    + cause.getClass().getSimpleName() + ").", "start the target, or fix the URL and port in --target.");
        }
        if (cause instanceof UnknownHostException) {
            return Verdict.fault(probe, Fault.NOTHING_LISTENING, "cannot resolve the host of " + url + ".",
                    "fix the host name in --target.");
        }
        if (cause instanceof HttpTimeoutException) {
            return Verdict.fault(probe, Fault.NOTHING_LISTENING, url + " accepted the connection but gave no answer "
                    + "within " + Examination.REQUEST_TIMEOUT.toSeconds() + " s.", "check the target is not overloaded "
                    + "and that the port is an HTTP one.");
        }
        if (cause instanceof IOException && message.contains("header parser received no bytes")) {
            return Verdict.fault(probe, Fault.NOTHING_LISTENING, url + " closed the connection without an HTTP answer "
                    + "(a TLS port spoken to in plain HTTP?).", "use https:// if the port serves TLS.");
        }
        return Verdict.fault(probe, Fault.NOTHING_LISTENING, "the request to " + url + " failed: " + cause + ".",
                "check --target (scheme, host, port).");
    }

    /** Unwraps the wrappers of the HTTP clients ({@code UncheckedIOException}, futures) down to what went wrong. */
    private static Throwable rootOf(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause instanceof java.io.UncheckedIOException
                || cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.util.concurrent.CompletionException
                || cause instanceof AssertionError)) {
            cause = cause.getCause();
        }
        // java.net.http wraps a connection failure in an IOException of the same message
        if (cause.getClass() == IOException.class && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
