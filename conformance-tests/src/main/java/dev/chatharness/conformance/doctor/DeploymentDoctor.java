package dev.chatharness.conformance.doctor;

import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.harness.Clients;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.Tenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Examines a deployment in seconds, the way its clients will meet it, and names what is wrong between them and the
 * server: TLS trust, a gateway's header, the server's clock, each transport and the upgrade, the socket path behind
 * a prefix, sticky sessions, a shared adapter, the Origin.
 *
 * <pre>{@code
 * try (Clients clients = new Clients(profile)) {
 *     Diagnosis diagnosis = DeploymentDoctor.examine(clients, Clock.systemUTC());
 *     diagnosis.verdicts().forEach(v -> System.out.println(v.line()));
 *     System.exit(diagnosis.exitCode().code());   // 0 healthy, 1 a fault, 3 could not get in
 * }
 * }</pre>
 *
 * The probes run in order and each uses what the earlier ones found (a socket of the delivery probe uses WebSocket
 * only when WebSocket works); the examination stops at the first fault that leaves nothing else to try.
 */
public final class DeploymentDoctor {

    private DeploymentDoctor() {
    }

    /** @param clock this machine's clock, against which the server's {@code Date} is read */
    public static Diagnosis examine(Clients clients, Clock clock) {
        long start = System.nanoTime();
        TargetProfile profile = clients.profile();
        List<Verdict> verdicts = new ArrayList<>();
        try (Target target = clients.newTarget()) {
            Examination e = new Examination(profile, target, target.http(), clock);
            if (add(verdicts, HealthProbe.run(e))) {
                return done(profile, verdicts, start);
            }
            if (add(verdicts, TransportProbe.run(e)) || !e.pollingWorks && !e.websocketWorks) {
                return done(profile, verdicts, start);
            }
            Tenants tenants = target.tenants();
            add(verdicts, StickinessProbe.run(e, tenants.b().user(0)));
            if (add(verdicts, DeliveryProbe.run(e, tenants.a()))) {
                return done(profile, verdicts, start);
            }
            add(verdicts, OriginProbe.run(e, tenants.b().user(1)));
        }
        return done(profile, verdicts, start);
    }

    /** Adds the verdicts; true when one of them leaves nothing else to try. */
    private static boolean add(List<Verdict> verdicts, List<Verdict> found) {
        verdicts.addAll(found);
        return found.stream().anyMatch(v -> v.fault().map(Fault::unreachable).orElse(false));
    }

    private static Diagnosis done(TargetProfile profile, List<Verdict> verdicts, long start) {
        return new Diagnosis(profile.target(), profile.socketPath(), verdicts, (System.nanoTime() - start) / 1_000_000);
    }
}
