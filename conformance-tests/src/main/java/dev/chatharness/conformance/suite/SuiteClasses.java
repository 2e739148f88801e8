package dev.chatharness.conformance.suite;

import dev.chatharness.conformance.hostile.RobustnessConformance;
import dev.chatharness.conformance.hostile.TokenAttackConformance;
import java.util.List;

/** The conformance test classes, by contract section, in contract order. */
public final class SuiteClasses {

    /** Fully qualified names, so the runner needs no classpath scan (which a shaded jar makes unreliable). */
    public static final List<String> ALL = List.of(
            TransportConformance.class.getName(),
            AuthenticationConformance.class.getName(),
            TokenLifetimeConformance.class.getName(),
            TenancyConformance.class.getName(),
            AuthorizationConformance.class.getName(),
            AcknowledgementConformance.class.getName(),
            ClientEventsConformance.class.getName(),
            ServerEventsConformance.class.getName(),
            ObjectsConformance.class.getName(),
            DeliveryConformance.class.getName(),
            RateLimitConformance.class.getName(),
            RestConformance.class.getName(),
            // Issue 7's hostile-input corpus and token attacks, aimed at any target like the rest.
            RobustnessConformance.class.getName(),
            TokenAttackConformance.class.getName());

    private SuiteClasses() {
    }

    /** The classes themselves, loaded from {@link #ALL}. */
    public static List<Class<?>> classes() {
        return ALL.stream().<Class<?>>map(name -> {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("suite class " + name + " is missing from the classpath", e);
            }
        }).toList();
    }
}
