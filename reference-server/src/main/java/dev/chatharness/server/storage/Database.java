package dev.chatharness.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatharness.server.config.ServerConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The H2 database behind the server, reached through a HikariCP pool.
 *
 * <p>Why HikariCP and not H2's own {@code JdbcConnectionPool}: H2 keeps parsed statements per session and reuses
 * them, but the rollback and auto-commit reset its pool does on every return made H2 parse each statement again (a
 * test with H2 2.5.252: the cached command was never reused through its pool, always through a plain connection or
 * HikariCP). A profile of a fan-out run found a quarter of the message INSERT's time in H2's parser.
 *
 * <p>In memory ({@code mem}) each server gets a private database that lives as long as the server. On a file,
 * {@code WRITE_DELAY=0} makes every commit write the store before the call returns, so a message whose insert
 * returned (and whose ack is therefore sent) survives the process being killed.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final String url;
    /** Held open for the whole life of the server so that a pool that drains never drops the in-memory data. */
    private final Connection anchor;

    private Database(String url, int maxConnections) throws SQLException {
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setPoolName("chat-db");
        config.setJdbcUrl(url);
        config.setUsername("chat");
        config.setPassword("");
        config.setMaximumPoolSize(maxConnections + 1); // + the anchor
        config.setMinimumIdle(1);
        this.pool = new HikariDataSource(config);
        this.anchor = pool.getConnection();
    }

    public static Database open(ServerConfig config) {
        // QUERY_CACHE_SIZE: parsed statements kept per session; H2's default of 8 is fewer than this server uses.
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database while the server's graceful close
        // is still answering the requests in flight; the server closes it last (close(), below).
        String url = (config.inMemoryDatabase()
                ? "jdbc:h2:mem:chat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                : "jdbc:h2:file:" + Path.of(config.database()).toAbsolutePath() + ";WRITE_DELAY=0")
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
        try {
            Database db = new Database(url, config.dbMaxConnections());
            Schema.create(db);
            return db;
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + url + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode; SQL failures become {@link StorageException}. */
    public <T> T call(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    /** Like {@link #call} inside one transaction, committed before this returns. */
    public <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    /** Flushes and closes the database; safe to call twice. */
    @Override
    public void close() {
        try (Statement s = anchor.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed: nothing left to flush
        } finally {
            pool.close();
        }
    }

    /** Unit of database work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
