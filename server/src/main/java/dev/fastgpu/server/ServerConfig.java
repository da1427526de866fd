package dev.fastgpu.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.server.service.Prices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the server can be told. Sources, later ones winning: built-in defaults, the YAML file
 * ({@code <dataDir>/server.yaml} or {@code --config}), environment variables {@code FASTGPU_*},
 * command-line flags.
 *
 * @param dataDir           where the SQLite database, the join token and server.yaml live (default ~/.fastgpu/server)
 * @param host              listen address (default 127.0.0.1)
 * @param port              listen port (default 7070; 0 picks a free one)
 * @param store             "sqlite" (default) or "memory" (nothing survives a restart)
 * @param heartbeatInterval agent heartbeat period
 * @param nodeTimeout       silence after which a node is DOWN
 * @param longPollTimeout   longest hold of an assignments request
 * @param schedulePeriod    a scheduling pass runs at least this often
 * @param prices            USD per GPU hour by model, and for unknown models
 * @param initialAdminToken use this secret for the first admin token instead of a random one (null: random)
 * @param scheduler         queue order, backfill, placement strategy, preemption
 */
public record ServerConfig(Path dataDir, String host, int port, String store, Duration heartbeatInterval,
                           Duration nodeTimeout, Duration longPollTimeout, Duration schedulePeriod, Prices prices,
                           String initialAdminToken, SchedulerConfig scheduler) {

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".fastgpu", "server");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(defaultDataDir(), "127.0.0.1", 7070, "sqlite", Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(25), Duration.ofSeconds(2), Prices.defaults(), null, SchedulerConfig.defaults());
    }

    public ServerConfig withDataDir(Path v) {
        return new ServerConfig(v, host, port, store, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, prices, initialAdminToken, scheduler);
    }

    public ServerConfig withHost(String v) {
        return new ServerConfig(dataDir, v, port, store, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, prices, initialAdminToken, scheduler);
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(dataDir, host, v, store, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, prices, initialAdminToken, scheduler);
    }

    public ServerConfig withStore(String v) {
        return new ServerConfig(dataDir, host, port, v, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, prices, initialAdminToken, scheduler);
    }

    public ServerConfig withTimings(Duration heartbeat, Duration timeout, Duration longPoll, Duration period) {
        return new ServerConfig(dataDir, host, port, store, heartbeat, timeout, longPoll, period, prices, initialAdminToken, scheduler);
    }

    public ServerConfig withPrices(Prices v) {
        return new ServerConfig(dataDir, host, port, store, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, v, initialAdminToken, scheduler);
    }

    public ServerConfig withInitialAdminToken(String v) {
        return new ServerConfig(dataDir, host, port, store, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, prices, v, scheduler);
    }

    public ServerConfig withScheduler(SchedulerConfig v) {
        return new ServerConfig(dataDir, host, port, store, heartbeatInterval, nodeTimeout, longPollTimeout, schedulePeriod, prices, initialAdminToken, v);
    }

    /** The YAML file's shape; every field optional. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record FileConfig(String dataDir, String host, Integer port, String store, Long heartbeatIntervalMs, Long nodeTimeoutMs,
                      Long longPollTimeoutMs, Long schedulePeriodMs, Map<String, Double> pricesPerGpuHourUsd,
                      Double defaultPricePerGpuHourUsd, String queueOrder, String backfill, String placement, Boolean preemption) {
    }

    /** Applies a YAML config file; a missing file changes nothing, an unreadable one is an error naming the problem. */
    public ServerConfig withFile(Path file) {
        if (file == null || !Files.exists(file)) return this;
        ObjectMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        FileConfig f;
        try {
            f = yaml.readValue(file.toFile(), FileConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (f == null) return this;
        ServerConfig c = this;
        if (f.dataDir() != null) c = c.withDataDir(Path.of(f.dataDir()));
        if (f.host() != null) c = c.withHost(f.host());
        if (f.port() != null) c = c.withPort(f.port());
        if (f.store() != null) c = c.withStore(f.store());
        c = c.withTimings(ms(f.heartbeatIntervalMs(), c.heartbeatInterval), ms(f.nodeTimeoutMs(), c.nodeTimeout),
                ms(f.longPollTimeoutMs(), c.longPollTimeout), ms(f.schedulePeriodMs(), c.schedulePeriod));
        if (f.pricesPerGpuHourUsd() != null || f.defaultPricePerGpuHourUsd() != null) {
            Map<String, Double> p = new HashMap<>(c.prices.perGpuHourUsd());
            if (f.pricesPerGpuHourUsd() != null) p.putAll(f.pricesPerGpuHourUsd());
            c = c.withPrices(new Prices(p, f.defaultPricePerGpuHourUsd() != null ? f.defaultPricePerGpuHourUsd() : c.prices.defaultPerGpuHourUsd()));
        }
        SchedulerConfig s = c.scheduler;
        if (f.queueOrder() != null || f.backfill() != null || f.placement() != null || f.preemption() != null) {
            c = c.withScheduler(new SchedulerConfig(
                    f.queueOrder() == null ? s.order() : enumValue(SchedulerConfig.QueueOrder.class, "queueOrder", f.queueOrder()),
                    f.backfill() == null ? s.backfill() : enumValue(SchedulerConfig.Backfill.class, "backfill", f.backfill()),
                    f.placement() == null ? s.placement() : enumValue(SchedulerConfig.PlacementStrategy.class, "placement", f.placement()),
                    f.preemption() == null ? s.preemption() : f.preemption(), s.maxCandidates()));
        }
        return c;
    }

    /** Applies FASTGPU_HOST, FASTGPU_PORT, FASTGPU_DATA_DIR, FASTGPU_STORE, FASTGPU_ADMIN_TOKEN and FASTGPU_PRICE_<MODEL>. */
    public ServerConfig withEnv(Map<String, String> env) {
        ServerConfig c = this;
        if (env.get("FASTGPU_DATA_DIR") != null) c = c.withDataDir(Path.of(env.get("FASTGPU_DATA_DIR")));
        if (env.get("FASTGPU_HOST") != null) c = c.withHost(env.get("FASTGPU_HOST"));
        if (env.get("FASTGPU_PORT") != null) {
            try {
                c = c.withPort(Integer.parseInt(env.get("FASTGPU_PORT").trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("FASTGPU_PORT must be a port number, got '" + env.get("FASTGPU_PORT") + "'");
            }
        }
        if (env.get("FASTGPU_STORE") != null) c = c.withStore(env.get("FASTGPU_STORE"));
        if (env.get("FASTGPU_ADMIN_TOKEN") != null) c = c.withInitialAdminToken(env.get("FASTGPU_ADMIN_TOKEN"));
        Map<String, Double> prices = new HashMap<>(c.prices.perGpuHourUsd());
        boolean changed = false;
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith("FASTGPU_PRICE_")) continue;
            try {
                prices.put(e.getKey().substring("FASTGPU_PRICE_".length()), Double.parseDouble(e.getValue()));
                changed = true;
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(e.getKey() + " must be a price in USD per GPU hour, got '" + e.getValue() + "'");
            }
        }
        return changed ? c.withPrices(new Prices(prices, c.prices.defaultPerGpuHourUsd())) : c;
    }

    /** Checks values that would only fail later. */
    public ServerConfig validated() {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        String s = store.toLowerCase(Locale.ROOT);
        if (!s.equals("sqlite") && !s.equals("memory")) throw new IllegalArgumentException("store must be 'sqlite' or 'memory', got '" + store + "'");
        if (nodeTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("nodeTimeoutMs (" + nodeTimeout.toMillis() + ") must be longer than heartbeatIntervalMs (" + heartbeatInterval.toMillis() + ")");
        }
        return this;
    }

    private static Duration ms(Long v, Duration fallback) {
        if (v == null) return fallback;
        if (v <= 0) throw new IllegalArgumentException("durations in the config file must be positive milliseconds, got " + v);
        return Duration.ofMillis(v);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
        }
    }
}
