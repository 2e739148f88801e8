package dev.chatharness.server.fairness;

import dev.chatharness.server.error.UnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TenantSlotsTest {

    @Test
    void a_tenant_holding_all_its_slots_never_delays_another_tenant() {
        TenantSlots slots = new TenantSlots(3, Duration.ofSeconds(5));
        List<TenantSlots.Slot> flooding = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            flooding.add(slots.enter("flood"));
        }
        long start = System.nanoTime();
        try (TenantSlots.Slot quiet = slots.enter("quiet")) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the quiet tenant waited (ms)")
                    .isLessThan(1_000);
            assertThat(slots.inUse("quiet")).isEqualTo(1);
        }
        assertThat(slots.inUse("flood")).isEqualTo(3);
        flooding.forEach(TenantSlots.Slot::close);
        assertThat(slots.inUse("flood")).isZero();
    }

    @Test
    void past_its_share_a_tenant_waits_for_its_own_slot_and_gets_it_when_one_is_given_back() throws Exception {
        TenantSlots slots = new TenantSlots(1, Duration.ofSeconds(30));
        TenantSlots.Slot held = slots.enter("acme");
        CompletableFuture<TenantSlots.Slot> waiting = CompletableFuture.supplyAsync(() -> slots.enter("acme"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> !waiting.isDone()); // the tenant's second request waits for its own slot
        assertThat(slots.inUse("acme")).isEqualTo(1);
        held.close();
        TenantSlots.Slot next = waiting.get(10, TimeUnit.SECONDS);
        assertThat(slots.inUse("acme")).isEqualTo(1);
        next.close();
        next.close(); // closing twice gives back one slot, not two
        assertThat(slots.inUse("acme")).isZero();
    }

    @Test
    void a_tenant_whose_slots_stay_taken_is_told_the_server_is_busy() {
        TenantSlots slots = new TenantSlots(1, Duration.ofMillis(50));
        try (TenantSlots.Slot held = slots.enter("acme")) {
            assertThatThrownBy(() -> slots.enter("acme")).isInstanceOf(UnavailableException.class)
                    .hasMessage("server busy, try again");
        }
    }
}
