package dev.chatharness.server.conversation;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for conversations and their participants. */
final class ConversationRepository {
    private final Database db;

    ConversationRepository(Database db) {
        this.db = db;
    }

    void insert(Conversation c) {
        db.transaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO conversation (id, tenant_id, title, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, c.id());
                ps.setString(2, c.tenantId());
                if (c.title() == null) {
                    ps.setNull(3, Types.VARCHAR);
                } else {
                    ps.setString(3, c.title());
                }
                ps.setString(4, c.createdBy());
                ps.setLong(5, c.createdAt().toEpochMilli());
                ps.setLong(6, c.updatedAt().toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO participant (conversation_id, tenant_id, user_id) VALUES (?,?,?)")) {
                for (String userId : c.participantIds()) {
                    ps.setString(1, c.id());
                    ps.setString(2, c.tenantId());
                    ps.setString(3, userId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** By id alone, whatever the tenant: callers decide what the user may see. */
    Optional<Conversation> find(String id) {
        return db.call(conn -> load(conn, id));
    }

    private static Optional<Conversation> load(Connection conn, String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT tenant_id, title, created_by, created_at, updated_at FROM conversation WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Conversation(id, rs.getString(2), participants(conn, id), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(1)));
            }
        }
    }

    private static List<String> participants(Connection conn, String conversationId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT user_id FROM participant WHERE conversation_id = ? ORDER BY pk")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    /** Ids of every conversation of the tenant: only the {@code LIST_WHOLE_TENANT} defect asks. */
    List<String> idsOfTenant(String tenantId) {
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id FROM conversation WHERE tenant_id = ? ORDER BY created_at, id")) {
                ps.setString(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                    return ids;
                }
            }
        });
    }

    /** Ids of the conversations {@code user} takes part in, oldest first. */
    List<String> idsFor(Principal user) {
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT c.id FROM conversation c JOIN participant p ON p.conversation_id = c.id "
                            + "WHERE p.tenant_id = ? AND p.user_id = ? AND c.tenant_id = ? ORDER BY c.created_at, c.id")) {
                ps.setString(1, user.tenantId());
                ps.setString(2, user.userId());
                ps.setString(3, user.tenantId());
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                    return ids;
                }
            }
        });
    }

    void updateTitle(String id, String title, Instant at) {
        db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE conversation SET title = ?, updated_at = ? WHERE id = ?")) {
                if (title == null) {
                    ps.setNull(1, Types.VARCHAR);
                } else {
                    ps.setString(1, title);
                }
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, id);
                return ps.executeUpdate();
            }
        });
    }

    void addParticipant(Conversation c, String userId, Instant at) {
        db.transaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO participant (conversation_id, tenant_id, user_id) VALUES (?,?,?)")) {
                ps.setString(1, c.id());
                ps.setString(2, c.tenantId());
                ps.setString(3, userId);
                ps.executeUpdate();
            }
            touch(conn, c.id(), at);
            return null;
        });
    }

    void removeParticipant(Conversation c, String userId, Instant at) {
        db.transaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "DELETE FROM participant WHERE conversation_id = ? AND user_id = ?")) {
                ps.setString(1, c.id());
                ps.setString(2, userId);
                ps.executeUpdate();
            }
            touch(conn, c.id(), at);
            return null;
        });
    }

    private static void touch(Connection conn, String id, Instant at) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE conversation SET updated_at = ? WHERE id = ?")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * The user's contacts: users of the same tenant sharing at least one conversation, the user excluded.
     *
     * @param ignoreTenant the {@code CROSS_TENANT_PRESENCE} defect: match the user by {@code sub} in every tenant
     */
    List<Principal> contacts(Principal user, boolean ignoreTenant) {
        String sql = ignoreTenant
                ? "SELECT DISTINCT other.tenant_id, other.user_id FROM participant me JOIN participant other "
                        + "ON other.conversation_id = me.conversation_id WHERE me.user_id = ?"
                : "SELECT DISTINCT other.tenant_id, other.user_id FROM participant me JOIN participant other "
                        + "ON other.conversation_id = me.conversation_id WHERE me.user_id = ? AND me.tenant_id = ? "
                        + "AND other.tenant_id = ?";
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, user.userId());
                if (!ignoreTenant) {
                    ps.setString(2, user.tenantId());
                    ps.setString(3, user.tenantId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Principal> contacts = new ArrayList<>();
                    while (rs.next()) {
                        Principal other = new Principal(rs.getString(1), rs.getString(2));
                        if (!other.equals(user)) {
                            contacts.add(other);
                        }
                    }
                    return contacts;
                }
            }
        });
    }
}
