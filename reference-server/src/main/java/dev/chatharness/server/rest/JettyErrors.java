package dev.chatharness.server.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.error.ErrorCode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Jetty's own answers, for requests the application never sees: a request line or headers Jetty cannot parse,
 * headers or a URI too large, and requests refused while the server shuts down. They get the contract's error body
 * {@code {"error":{"code","message"}}} instead of Jetty's HTML page, and a request Jetty rates 5xx only because it
 * cannot parse it (an unknown HTTP version is 505) is answered 400: a client's mistake is never 5xx. Everything the
 * application does see is answered by {@link RestErrors}.
 */
final class JettyErrors implements Request.Handler {
    private final ObjectMapper mapper;

    JettyErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws JsonProcessingException {
        Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        int status = response.getStatus();
        OptionalInt broken = BrokenRequests.status(cause);
        String message;
        if (broken.isPresent()) {
            if (status < 400 || status >= 500) {
                status = broken.getAsInt(); // Jetty's own 4xx (414, 431, ...) is kept
            }
            message = BrokenRequests.message(cause, status);
        } else {
            message = status == HttpStatus.SERVICE_UNAVAILABLE_503 ? "server shutting down" : HttpStatus.getMessage(status);
        }
        ErrorCode code = BrokenRequests.code(status);
        byte[] body = mapper.writeValueAsBytes(ErrorBody.of(code.wire(), message));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
