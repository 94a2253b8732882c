package dev.orderflow.realtime.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.orderflow.realtime.RealtimeApplication;

/**
 * The gateway as the benchmark runs it (realtime-service/bench/run.sh): the production
 * application and configuration, plus {@code bench-enabled} so the load generator can drive the
 * same fan-out path ({@code FanOut.sendToRooms}) as a Kafka event would, the way it drives the
 * reference Node server. Not a test: the name matches no surefire pattern.
 * Args: socket port, JWT secret, Kafka bootstrap servers, then any extra {@code --property=value}.
 */
public final class BenchGateway {

    private BenchGateway() {
    }

    public static void main(String[] args) {
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=0", "--management.server.port=0", "--spring.kafka.bootstrap-servers=" + args[2],
                "--orderflow.realtime.port=" + args[0], "--orderflow.realtime.host=127.0.0.1",
                "--orderflow.security.jwt.secret=" + args[1],
                "--orderflow.realtime.bench-enabled=true",
                // the one publisher sends up to 3,000 bench:publish/s; the per-client flood limit
                // (100/s) is for real clients and would cut it off
                "--orderflow.realtime.inbound-per-second=1000000",
                // every bench client connects from 127.0.0.1: the per-address caps and connect
                // rates (docs/security.md) are for the internet and would refuse the load
                "--orderflow.realtime.max-connections-per-address=1000000",
                "--orderflow.realtime.connects-per-second-per-address=1000000",
                "--orderflow.realtime.connects-per-second=1000000",
                "--logging.level.org.apache.kafka=WARN",
                "--management.tracing.sampling.probability=0"));
        settings.addAll(Arrays.asList(args).subList(3, args.length));
        new SpringApplicationBuilder(RealtimeApplication.class).run(settings.toArray(String[]::new));
        System.out.println("BENCH_GATEWAY_READY");
    }
}
