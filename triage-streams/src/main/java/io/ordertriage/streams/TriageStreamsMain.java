package io.ordertriage.streams;

import io.ordertriage.RuleCompilationException;
import io.ordertriage.RuleProblem;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs continuous triage: {@code java -jar triage-streams.jar CONFIG.properties} (docs/streams.md).
 * Exit codes as the CLI's: 2 usage or configuration, 3 the broker cannot be reached, 4 the rules do
 * not compile, 1 the streams failed.
 */
public final class TriageStreamsMain {
    private TriageStreamsMain() {
    }

    public static void main(String[] args) {
        // Kafka logs much at DEBUG, logback's default: the runnable's own configuration, unless one is given
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/ordertriage/streams/logback-triage-streams.xml");
        }
        System.exit(run(args, System.err));
    }

    /** Runs until the streams stop (or fails first), returning the exit code. */
    static int run(String[] args, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: triage-streams CONFIG.properties   (the keys are in docs/streams.md)");
            return 2;
        }
        StreamsConfigFile config;
        try {
            config = StreamsConfigFile.load(Path.of(args[0]));
        } catch (StreamsConfigFile.BadConfig e) {
            err.println("triage-streams: " + e.getMessage());
            return 2;
        }
        TriageEngine engine;
        try {
            engine = config.engine();
        } catch (RuleCompilationException e) {
            for (RuleProblem p : e.problems()) {
                err.println(p);
            }
            err.println("triage-streams: the rules do not compile (" + e.problems().size() + " problems)");
            return 4;
        } catch (TriageException e) {
            err.println("triage-streams: " + e.getMessage());
            return 2;
        }
        String servers = config.kafka().getProperty("bootstrap.servers");
        String unreachable = checkBroker(config.kafka(), config.connectTimeout());
        if (unreachable != null) {
            err.println("triage-streams: cannot reach the Kafka broker at " + servers + " within " + config.connectTimeout().toSeconds()
                    + " s (" + unreachable + "); check bootstrap.servers and that the broker is running");
            return 3;
        }
        KafkaStreams streams = new KafkaStreams(TriageTopology.build(engine, config.topology()), config.kafka());
        CountDownLatch stopped = new CountDownLatch(1);
        int[] code = {0};
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                code[0] = 1;
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "triage-streams-shutdown"));
        Logger log = LoggerFactory.getLogger(TriageStreamsMain.class);
        log.info("Triage of {} into {} (dead letters: {}), classified again every {}; {} rules", config.topology().inputTopic(),
                config.topology().outputTopic(), config.topology().deadLetterTopic(), config.topology().tick(), engine.ruleCount());
        streams.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close(Duration.ofSeconds(30));
        return code[0];
    }

    /** Null when the cluster answers within {@code timeout}, else what went wrong. */
    static String checkBroker(Properties kafka, Duration timeout) {
        Properties p = new Properties();
        for (String key : kafka.stringPropertyNames()) {
            if (AdminClientConfig.configNames().contains(key)) {
                p.setProperty(key, kafka.getProperty(key));
            }
        }
        int ms = (int) timeout.toMillis();
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes().get(ms + 1000L, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
        } catch (TimeoutException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (org.apache.kafka.common.KafkaException e) {
            return e.getMessage();
        }
    }
}
