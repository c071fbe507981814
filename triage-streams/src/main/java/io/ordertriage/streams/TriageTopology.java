package io.ordertriage.streams;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.TriageResult;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Continuous triage as a Kafka Streams topology: order snapshots in, triage results out, timers
 * fired by a wall-clock punctuation.
 *
 * <ul>
 *   <li>Each snapshot (keyed by order id; a later one replaces the earlier) is read, kept in a state
 *   store of open orders and classified at once.</li>
 *   <li>Every {@code tick} of wall-clock time, every open order of the instance's partitions is
 *   classified again, so that a timer fires when its time has passed with no new event.</li>
 *   <li>A result is emitted (JSON, keyed by order id) only when it changed: its verdict, priority or
 *   set of findings. An order never in the queue emits nothing while it stays OK.</li>
 *   <li>A closed order (COMPLETED or CANCELLED, no refund pending) that is OK leaves the store and
 *   the queue for good: a tombstone when something had been emitted for it, so that a compacted
 *   output topic is the operator's live queue.</li>
 *   <li>A record that cannot be read goes to the dead-letter topic with its original key and bytes
 *   and headers saying why and where it came from; the stream goes on.</li>
 * </ul>
 *
 * The as-of of every classification is the wall-clock time of the instance
 * ({@link ProcessorContext#currentSystemTimeMs()}), not the stream time: an SLA timer is about time
 * passing in the world, which stream time does not do while no record arrives.
 */
public final class TriageTopology {
    private static final Logger LOG = LoggerFactory.getLogger(TriageTopology.class);

    /** The store of open orders: order id to its latest snapshot as received. */
    public static final String ORDERS_STORE = "triage-open-orders";
    /** The store of what was last emitted per order: order id to the result's fingerprint. */
    public static final String EMITTED_STORE = "triage-emitted";
    /** Dead-letter headers: why the record was refused, and where it came from. */
    public static final String ERROR_HEADER = "triage.error";
    public static final String SOURCE_HEADER = "triage.source";

    private static final String SOURCE = "snapshots";
    private static final String PROCESSOR = "triage";
    private static final String RESULTS = "results";
    private static final String DEAD_LETTERS = "dead-letters";

    /**
     * The topics and the tick.
     *
     * @param zone the zone for snapshot date-times written without an offset
     */
    public record Settings(String inputTopic, String outputTopic, String deadLetterTopic, Duration tick, ZoneId zone) {
        public Settings {
            Objects.requireNonNull(inputTopic, "inputTopic");
            Objects.requireNonNull(outputTopic, "outputTopic");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            Objects.requireNonNull(zone, "zone");
            if (tick == null || tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("tick must be positive, got " + tick);
            }
        }
    }

    private TriageTopology() {
    }

    /** The topology; {@code engine} (thread-safe) is shared by every stream thread of the instance. */
    public static Topology build(TriageEngine engine, Settings settings) {
        Topology t = new Topology();
        t.addSource(SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), settings.inputTopic());
        t.addProcessor(PROCESSOR, () -> new TriageProcessor(engine, settings), SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ORDERS_STORE), Serdes.String(),
                Serdes.ByteArray()), PROCESSOR);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EMITTED_STORE), Serdes.String(),
                Serdes.String()), PROCESSOR);
        t.addSink(RESULTS, settings.outputTopic(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(DEAD_LETTERS, settings.deadLetterTopic(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR);
        return t;
    }

    /** True for an order no rule will raise anything for later, once it is OK: closed, no refund pending. */
    static boolean closedForGood(Order o) {
        return (o.orderStatus() == OrderStatus.COMPLETED || o.orderStatus() == OrderStatus.CANCELLED)
                && o.paymentStatus() != PaymentStatus.REFUND_PENDING;
    }

    private static final class TriageProcessor implements Processor<byte[], byte[], byte[], byte[]> {
        private final TriageEngine engine;
        private final Settings settings;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, byte[]> orders;
        private KeyValueStore<String, String> emitted;
        /**
         * The open orders as read, so that a tick does not read every snapshot's JSON again; the
         * store stays the truth (a task moved to another instance starts with this empty and fills
         * it from the restored store on its first tick).
         */
        private final java.util.Map<String, Order> parsed = new java.util.HashMap<>();

        TriageProcessor(TriageEngine engine, Settings settings) {
            this.engine = engine;
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.orders = context.getStateStore(ORDERS_STORE);
            this.emitted = context.getStateStore(EMITTED_STORE);
            context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::tick);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Order order;
            try {
                order = OrderSnapshots.read(record.value(), settings.zone());
            } catch (OrderSnapshots.BadSnapshot e) {
                deadLetter(record, e.getMessage());
                return;
            }
            if (record.key() != null && !new String(record.key(), StandardCharsets.UTF_8).equals(order.orderId())) {
                deadLetter(record, "the record's key \"" + new String(record.key(), StandardCharsets.UTF_8)
                        + "\" is not its order_id \"" + order.orderId() + "\"; snapshots are keyed by order id");
                return;
            }
            TriageResult result;
            Instant asOf = Instant.ofEpochMilli(context.currentSystemTimeMs());
            try {
                result = engine.classifyAll(List.of(order), asOf).get(0);
            } catch (RuntimeException e) {
                deadLetter(record, "classifying the order failed: " + e);
                return;
            }
            orders.put(order.orderId(), record.value());
            parsed.put(order.orderId(), order);
            emit(order, result, record.timestamp());
        }

        /** Classifies every open order again at the wall-clock time. */
        private void tick(long now) {
            List<Order> open = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = orders.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    Order o = parsed.get(kv.key);
                    if (o == null) {
                        try {
                            o = OrderSnapshots.read(kv.value, settings.zone());
                            parsed.put(kv.key, o);
                        } catch (OrderSnapshots.BadSnapshot e) {
                            // it was read when it arrived; only a change of zone or version could do this
                            LOG.error("stored snapshot of order {} no longer reads ({}); dropped from the store", kv.key, e.getMessage());
                            orders.delete(kv.key);
                            continue;
                        }
                    }
                    open.add(o);
                }
            }
            if (open.isEmpty()) {
                return;
            }
            Instant asOf = Instant.ofEpochMilli(now);
            List<TriageResult> results;
            try {
                results = engine.classifyAll(open, asOf);
            } catch (RuntimeException e) {
                LOG.error("classifying {} open orders at {} failed; trying them one by one", open.size(), asOf, e);
                results = null;
            }
            for (int i = 0; i < open.size(); i++) {
                TriageResult r;
                if (results != null) {
                    r = results.get(i);
                } else {
                    try {
                        r = engine.classifyAll(List.of(open.get(i)), asOf).get(0);
                    } catch (RuntimeException e) {
                        LOG.error("classifying order {} at {} failed; it stays in the store", open.get(i).orderId(), asOf, e);
                        continue;
                    }
                }
                emit(open.get(i), r, now);
            }
        }

        private void emit(Order order, TriageResult result, long timestamp) {
            String id = order.orderId();
            String last = emitted.get(id);
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            if (closedForGood(order) && result.verdict() == io.ordertriage.model.Verdict.OK) {
                if (last != null) {
                    context.forward(new Record<>(key, (byte[]) null, timestamp), RESULTS);
                }
                orders.delete(id);
                parsed.remove(id);
                emitted.delete(id);
                return;
            }
            String fingerprint = ResultJson.fingerprint(result);
            if (!fingerprint.equals(last == null ? ResultJson.NOTHING : last)) {
                context.forward(new Record<>(key, ResultJson.write(result), timestamp), RESULTS);
                emitted.put(id, fingerprint);
            }
        }

        private void deadLetter(Record<byte[], byte[]> record, String reason) {
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            String source = context.recordMetadata().map(TriageProcessor::describe).orElse("(unknown)");
            headers.add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
            LOG.warn("record {} sent to the dead-letter topic: {}", source, reason);
            context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), DEAD_LETTERS);
        }

        private static String describe(RecordMetadata m) {
            return m.topic() + "-" + m.partition() + "@" + m.offset();
        }
    }
}
