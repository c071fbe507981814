package io.ordertriage.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertriage.TriageEngine;
import io.ordertriage.model.Order;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

/** The topology under Kafka's TopologyTestDriver, with a wall clock the test moves. */
final class Driver implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final TriageTopology.Settings SETTINGS = new TriageTopology.Settings("orders", "triage-results", "orders-dead-letters",
            Duration.ofMinutes(1), ZoneOffset.UTC);
    /** Built once: the engine is the expensive part, and it is thread-safe and stateless between calls. */
    static final TriageEngine ENGINE = TriageEngine.builder().build();

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> in;
    final TestInputTopic<byte[], byte[]> raw;
    final TestOutputTopic<String, byte[]> out;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    Instant now;

    Driver(Instant start) {
        Properties p = new Properties();
        p.setProperty("application.id", "triage-test");
        p.setProperty("bootstrap.servers", "unused:9092");
        driver = new TopologyTestDriver(TriageTopology.build(ENGINE, SETTINGS), p, start);
        now = start;
        in = driver.createInputTopic("orders", new StringSerializer(), new ByteArraySerializer());
        raw = driver.createInputTopic("orders", new ByteArraySerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic("triage-results", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("orders-dead-letters", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void send(Order o) {
        in.pipeInput(o.orderId(), OrderSnapshots.write(o), now);
    }

    /** Moves the wall clock; the punctuation fires for each tick passed. */
    void advance(Duration d) {
        now = now.plus(d);
        driver.advanceWallClockTime(d);
    }

    List<TestRecord<String, byte[]>> results() {
        return out.readRecordsToList();
    }

    static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
