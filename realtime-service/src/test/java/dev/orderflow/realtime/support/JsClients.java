package dev.orderflow.realtime.support;

import org.awaitility.Awaitility;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracttesting.AsyncApiContract;

/**
 * The official JavaScript socket.io-client 4.x, driven from JUnit: a Node process
 * (src/test/js/agent.mjs) opens sockets on command and reports everything they see.
 */
public final class JsClients implements AutoCloseable {

    public static final Path JS_DIR = Path.of("src/test/js").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean installed;

    private final Process process;
    private final Writer stdin;
    private final List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();

    private JsClients(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readObservations, "js-agent-reader");
        reader.setDaemon(true);
        reader.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().anyMatch(o -> "ready".equals(o.get("kind"))));
    }

    public static JsClients start() {
        installDependencies();
        try {
            ProcessBuilder builder = new ProcessBuilder("node", "agent.mjs").directory(JS_DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            return new JsClients(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start node (Node 20+ must be installed)", e);
        }
    }

    /** {@code npm ci} from the committed lockfile, once per JVM (and only when node_modules is missing or stale). */
    private static synchronized void installDependencies() {
        if (installed) {
            return;
        }
        try {
            Path marker = JS_DIR.resolve("node_modules/.package-lock.json");
            if (!Files.exists(marker) || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(JS_DIR.resolve("package-lock.json"))) < 0) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS_DIR.toFile())
                        .redirectOutput(new File(JS_DIR.toFile(), "../../../target/npm-ci.log"))
                        .redirectErrorStream(true).start();
                if (npm.waitFor() != 0) {
                    throw new IllegalStateException("npm ci failed, see target/npm-ci.log");
                }
            }
            installed = true;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run npm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void readObservations() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> observation = JSON.readValue(line, Map.class);
                seen.add(observation);
            }
        } catch (IOException | RuntimeException e) {
            // process ended
        }
    }

    private synchronized void command(Map<String, Object> command) {
        try {
            stdin.write(JSON.writeValueAsString(command) + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects with {@code auth} (e.g. {@code {token}}), or with no auth option at all when null. */
    public void connect(String id, String url, Map<String, Object> auth) {
        connect(id, url, auth, null, null);
    }

    public void connect(String id, String url, Map<String, Object> auth, Map<String, String> query, List<String> transports) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("cmd", "connect");
        command.put("id", id);
        command.put("url", url);
        command.put("auth", auth);
        command.put("query", query);
        command.put("transports", transports);
        command(command);
    }

    public void connectMany(String prefix, int count, String url, Map<String, Object> auth) {
        command(Map.of("cmd", "connectMany", "prefix", prefix, "count", count, "url", url, "auth", auth));
    }

    /** Emits with an ack and waits for it; returns the ack's first argument. */
    public Map<String, Object> emitWithAck(String id, String event, Object arg) {
        return awaitAck(emitForAck(id, event, arg));
    }

    /** Emits with an ack without waiting for it; returns the reference {@link #awaitAck} takes. */
    public String emitForAck(String id, String event, Object arg) {
        String ref = UUID.randomUUID().toString();
        command(Map.of("cmd", "emit", "id", id, "event", event, "arg", arg, "ref", ref));
        return ref;
    }

    /** The first argument of the ack to the emit {@code ref}. */
    public Map<String, Object> awaitAck(String ref) {
        Map<String, Object> ack = await(o -> "ack".equals(o.get("kind")) && ref.equals(o.get("ref")));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) ack.get("args")).get(0);
        return first;
    }

    /** Whether the ack to the emit {@code ref} has come. */
    public boolean acked(String ref) {
        return seen.stream().anyMatch(o -> "ack".equals(o.get("kind")) && ref.equals(o.get("ref")));
    }

    public void emit(String id, String event, Object arg) {
        command(Map.of("cmd", "emit", "id", id, "event", event, "arg", arg));
    }

    public void close(String id) {
        command(Map.of("cmd", "close", "id", id));
    }

    /** Waits (bounded) for the first observation matching, and returns it. */
    public Map<String, Object> await(Predicate<Map<String, Object>> match) {
        java.util.Optional<Map<String, Object>> already = seen.stream().filter(match).findFirst();
        if (already.isPresent()) {
            return already.get();
        }
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> seen.stream().filter(match).findFirst(), java.util.Optional::isPresent).get();
    }

    public Map<String, Object> awaitConnected(String id) {
        return await(o -> id.equals(o.get("id")) && ("connect".equals(o.get("kind")) || "connect_error".equals(o.get("kind"))));
    }

    /** The first argument of the first {@code event} seen by {@code id} that matches. */
    public Map<String, Object> awaitEvent(String id, String event, Predicate<Map<String, Object>> payload) {
        return payload(await(o -> isEvent(o, id, event) && payload.test(payload(o))));
    }

    public List<Map<String, Object>> events(String id, String event) {
        return seen.stream().filter(o -> isEvent(o, id, event)).map(JsClients::payload).toList();
    }

    public List<Map<String, Object>> events(String id) {
        return seen.stream().filter(o -> id.equals(o.get("id")) && "event".equals(o.get("kind"))).toList();
    }

    public List<Map<String, Object>> observations() {
        return seen;
    }

    /**
     * Checks every server event and ack the clients have seen so far against docs/asyncapi.yaml
     * (strictly: a field the document does not name fails); returns how many were checked.
     */
    public int assertAllFitTheAsyncApiDocument() {
        AsyncApiContract contract = AsyncApiContract.load();
        int checked = 0;
        for (Map<String, Object> o : seen) {
            List<?> args = o.get("args") instanceof List<?> list ? list : List.of();
            Object first = args.isEmpty() ? Map.of() : args.get(0);
            if ("event".equals(o.get("kind")) && !"bench".equals(o.get("event"))) {
                contract.assertPayload(contract.socketMessage((String) o.get("event")), first);
                checked++;
            } else if ("ack".equals(o.get("kind"))) {
                contract.assertPayloadFitsOneOf(List.of("socketRoomAck", "socketRefreshAck"), first);
                checked++;
            }
        }
        return checked;
    }

    private static boolean isEvent(Map<String, Object> o, String id, String event) {
        return id.equals(o.get("id")) && "event".equals(o.get("kind")) && event.equals(o.get("event"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> observation) {
        List<?> args = (List<?>) observation.get("args");
        return args.isEmpty() || !(args.get(0) instanceof Map) ? Map.of() : (Map<String, Object>) args.get(0);
    }

    @Override
    public void close() {
        try {
            command(Map.of("cmd", "exit"));
        } catch (RuntimeException ignored) {
            // already gone
        }
        process.destroy();
    }
}
