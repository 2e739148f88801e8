package dev.chatharness.server.rest;

import dev.chatharness.server.json.Json;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.Schemas;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestErrorsTest {
    @Test
    void an_unexpected_exception_answers_500_internal_without_a_stack_trace() {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.newMapper(), false));
            RestErrors.install(cfg.routes, dev.chatharness.server.faults.Faults.none());
            cfg.routes.get("/boom", ctx -> {
                throw new IllegalStateException("secret detail");
            });
        }).start("127.0.0.1", 0);
        try {
            RestClient.Response r = new RestClient("http://127.0.0.1:" + app.port()).get("/boom", null);
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.errorCode()).isEqualTo("internal");
            assertThat(r.raw()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
            Schemas.valid("rest-error.json", r.body());
        } finally {
            app.stop();
        }
    }
}
