package dev.chatharness.conformance.harness;

import java.util.List;

/** A tenant with (at least) three users. */
public record Tenant(String id, List<User> users) {

    public Tenant {
        users = List.copyOf(users);
    }

    /** The i-th user, 0-based. */
    public User user(int i) {
        return users.get(i);
    }
}
