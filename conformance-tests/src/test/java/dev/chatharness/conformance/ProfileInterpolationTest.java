package dev.chatharness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileInterpolationTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a profile value ${NAME} is read from the environment, so secrets stay out of the file")
    void environment_references_are_resolved() throws Exception {
        Path file = Files.writeString(dir.resolve("staging.yaml"),
                "target: https://${CHAT_HOST}:8443\njwtSecret: ${STAGING_SECRET}\n");

        TargetProfile profile = TargetProfile.resolve(Optional.of(file),
                Map.of("CHAT_HOST", "chat.example", "STAGING_SECRET", "s3cret"), new Properties(), Map.of());

        assertThat(profile.target()).hasToString("https://chat.example:8443");
        assertThat(profile.jwtSecret()).contains("s3cret");
    }

    @Test
    @DisplayName("a reference to an unset variable is a profile error that names the key and the variable")
    void unset_variable_is_named() throws Exception {
        Path file = Files.writeString(dir.resolve("p.properties"), "target=http://127.0.0.1:1\njwtSecret=${NOT_SET_ANYWHERE}\n");

        assertThatThrownBy(() -> TargetProfile.resolve(Optional.of(file), Map.of(), new Properties(), Map.of()))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("jwtSecret").hasMessageContaining("NOT_SET_ANYWHERE").hasMessageContaining("not set");
    }
}
