package dev.chatharness.server.rest;

/** REST error body: {@code {"error":{"code":C,"message":"..."}}}. */
record ErrorBody(Detail error) {
    record Detail(String code, String message) {
    }

    static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }
}
