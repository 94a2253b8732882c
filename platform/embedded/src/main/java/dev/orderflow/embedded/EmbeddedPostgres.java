package dev.orderflow.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the zonky binaries, configured for Debezium: logical WAL,
 * replication slots, and {@code synchronous_commit=on} (zonky turns it off, which delays
 * Debezium's view of every commit to the next WAL flush: p50 163 ms instead of 11 ms).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDir;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDir} (kept between starts) on {@code port}
     * (0 = any free port). Refuses to run as root, as PostgreSQL itself does.
     */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        RootCheck.requireNonRoot();
        try {
            Files.createDirectories(dataDir);
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // our owners stop it after their clients (services first): zonky's own hook would race them
                    .setRegisterShutdownHook(false)
                    // a restart after a crash replays WAL first (the chaos run): more than zonky's 10 s on a busy machine
                    .setPGStartupWait(java.time.Duration.ofSeconds(90))
                    .setPort(port == 0 ? EmbeddedKafka.freePort() : port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300");
            return new EmbeddedPostgres(builder.start(), dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists; each service owns one database. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    /**
     * Stops the server the way a crash would: SIGQUIT to the postmaster (PostgreSQL's immediate
     * shutdown: connections cut, no checkpoint, crash recovery on the next start). A fast shutdown
     * can wait on logical replication senders; a crash does not.
     */
    public void crash() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
            server.close(); // its pg_ctl stop finds no server; what matters is that it releases its lock on the data directory
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop PostgreSQL in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop embedded PostgreSQL", e);
        }
    }
}
