package io.ordertriage;

import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import io.ordertriage.reference.AckChooser;
import io.ordertriage.reference.Decision;
import io.ordertriage.reference.OrderArbitraries;
import io.ordertriage.reference.OrderArbitraries.Batch;
import io.ordertriage.reference.OrderArbitraries.Slice;
import io.ordertriage.reference.ReferenceClassifier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine and the plain-Java reference (written from the rulebook without looking at the DRL)
 * agree on every generated order, over rulebook §3–§18: verdict, priority, normal combination, every
 * finding's code, priority, action, sku and acknowledgement in order, the resolved basket, and the
 * contact. Rule names and messages are the engine's own and are not compared.
 *
 * <p>Each try builds one engine (its clock fixed in the batch's evaluation zone) with the batch's
 * settings, price list or none, delivery terms or none, and acknowledgements chosen among the codes
 * the orders get; then classifies six slices of orders, one per as-of instant of
 * {@link OrderArbitraries#AS_OFS} (month ends, a Friday night that is Saturday further east, a DST
 * night), the way {@link TriageEngine#classifyAll} does in production. The two properties with
 * default settings compare over 12,000 orders each; a third compares random settings: random packs,
 * and random values of every threshold and catalogue of §4 and §11–§17; a fourth does the same with
 * the engine's alpha network compiled.
 */
class DifferentialPropertyTest {
    private static final Map<String, AtomicInteger> CODES_SEEN = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ORDERS_COMPARED = new ConcurrentHashMap<>();
    private static final AtomicInteger ACKNOWLEDGED = new AtomicInteger();
    private static final AtomicInteger OK_BY_ACKNOWLEDGEMENT = new AtomicInteger();
    private static final AtomicInteger PHONES_READ = new AtomicInteger();
    private static final AtomicInteger RECIPIENT_PHONES_READ = new AtomicInteger();

    @Provide
    Arbitrary<Batch> defaultBatches() {
        return OrderArbitraries.batches(TriageSettings.defaults(), 50, 70); // 6 slices: 300–420 orders
    }

    @Provide
    Arbitrary<Batch> randomBatches() {
        return OrderArbitraries.batchesWithRandomSettings(18, 35); // 108–210 orders
    }

    @Provide
    Arbitrary<PriceList> priceLists() {
        return OrderArbitraries.priceLists();
    }

    // Building an engine costs far more than classifying a few hundred orders, so each try builds
    // one and classifies a batch of six slices, one per as-of instant.

    @Property(tries = 40)
    void defaultSettingsWithoutAPriceList(@ForAll("defaultBatches") Batch batch) {
        assertAgree("without prices", batch, null);
    }

    @Property(tries = 40)
    void defaultSettingsWithAPriceList(@ForAll("defaultBatches") Batch batch, @ForAll("priceLists") PriceList prices) {
        assertAgree("with prices", batch, prices);
    }

    @Property(tries = 50)
    void randomSettingsAndPacks(@ForAll("randomBatches") Batch batch, @ForAll("priceLists") PriceList prices,
                                @ForAll boolean withPrices) {
        assertAgree("random settings", batch, withPrices ? prices : null);
    }

    // An engine with its alpha network compiled (TriageEngine.Builder.compileAlphaNetwork) must decide
    // the same; compiling takes about a second, so fewer tries, over random packs and settings.
    @Property(tries = 12)
    void compiledAlphaNetwork(@ForAll("randomBatches") Batch batch, @ForAll("priceLists") PriceList prices,
                              @ForAll boolean withPrices) {
        assertAgree("compiled alpha network", batch, withPrices ? prices : null, true);
    }

    private static void assertAgree(String property, Batch batch, PriceList prices) {
        assertAgree(property, batch, prices, false);
    }

    private static void assertAgree(String property, Batch batch, PriceList prices, boolean compiled) {
        TriageSettings settings = batch.settings();
        DeliveryTerms terms = batch.deliveryTerms();

        // Acknowledgements of codes the orders get (and of some they do not), around each slice's as-of.
        ReferenceClassifier unacknowledged = new ReferenceClassifier(settings, prices, terms, Acknowledgements.NONE);
        List<List<TriageResult>> plain = new ArrayList<>();
        List<Acknowledgement> ackList = new ArrayList<>();
        long seed = batch.ackSeed();
        for (Slice slice : batch.slices()) {
            List<TriageResult> rs = new ArrayList<>(slice.orders().size());
            for (Order o : slice.orders()) {
                rs.add(unacknowledged.classify(o, slice.asOf(), batch.zone()));
            }
            plain.add(rs);
            ackList.addAll(AckChooser.choose(slice.orders(), rs, slice.asOf(), seed++));
        }
        Acknowledgements acks = Acknowledgements.of(ackList);

        ReferenceClassifier reference = new ReferenceClassifier(settings, prices, terms, acks);
        Slice first = batch.slices().get(0);
        TriageEngine.Builder b = TriageEngine.builder().clock(Clock.fixed(first.asOf(), batch.zone()))
                .settings(settings).acknowledgements(acks);
        if (prices != null) {
            b.priceList(prices);
        }
        if (terms != null) {
            b.deliveryTerms(terms);
        }
        TriageEngine engine = b.compileAlphaNetwork(compiled).build();

        for (int s = 0; s < batch.slices().size(); s++) {
            Slice slice = batch.slices().get(s);
            List<Order> orders = slice.orders();
            // the first slice at the clock's instant, the others at their own as-of in the clock's zone
            List<TriageResult> actual = s == 0 ? engine.classifyAll(orders) : engine.classifyAll(orders, slice.asOf());
            assertThat(actual).hasSameSizeAs(orders);
            for (int i = 0; i < orders.size(); i++) {
                Order order = orders.get(i);
                Decision expected = Decision.of(reference.classify(order, slice.asOf(), batch.zone()));
                Decision got = Decision.of(actual.get(i));
                assertThat(got).as("order %s%nat %s in %s, settings %s, cancellation catalogue %s, terms %s,"
                                + " its acknowledgements %s",
                        order, slice.asOf(), batch.zone(), settings, settings.cancellationReasons(), batch.terms(),
                        ackList.stream().filter(a -> a.orderId().equals(order.orderId())).toList()).isEqualTo(expected);
                for (Finding f : actual.get(i).findings()) {
                    CODES_SEEN.computeIfAbsent(f.code(), c -> new AtomicInteger()).incrementAndGet();
                    if (f.acknowledged()) {
                        ACKNOWLEDGED.incrementAndGet();
                    }
                }
                if (got.contact().phone() != null) {
                    PHONES_READ.incrementAndGet();
                }
                if (got.contact().recipientPhone() != null) {
                    RECIPIENT_PHONES_READ.incrementAndGet();
                }
                if (got.verdict() == Verdict.OK && plain.get(s).get(i).verdict() == Verdict.ATTENTION) {
                    OK_BY_ACKNOWLEDGEMENT.incrementAndGet();
                }
                Statistics.label("verdict").collect(got.verdict());
            }
        }
        ORDERS_COMPARED.computeIfAbsent(property, k -> new AtomicInteger()).addAndGet(batch.size());
    }

    @AfterContainer
    static void everyFindingCodeWasExercised() {
        System.err.printf("differential: orders compared %s; acknowledged findings %d; orders OK by acknowledgement %d;"
                        + " usable phones %d, recipient phones %d; findings by code: %s%n", new TreeMap<>(ORDERS_COMPARED),
                ACKNOWLEDGED.get(), OK_BY_ACKNOWLEDGEMENT.get(), PHONES_READ.get(), RECIPIENT_PHONES_READ.get(),
                new TreeMap<>(CODES_SEEN));
        assertThat(ORDERS_COMPARED.get("without prices")).hasValueGreaterThanOrEqualTo(10_000);
        assertThat(ORDERS_COMPARED.get("with prices")).hasValueGreaterThanOrEqualTo(10_000);
        assertThat(ORDERS_COMPARED.get("random settings")).hasValueGreaterThanOrEqualTo(5_000);
        assertThat(ORDERS_COMPARED.get("compiled alpha network")).hasValueGreaterThanOrEqualTo(1_200);
        assertThat(ACKNOWLEDGED.get()).isPositive();
        assertThat(OK_BY_ACKNOWLEDGEMENT.get()).isPositive();
        assertThat(PHONES_READ.get()).isPositive();
        assertThat(RECIPIENT_PHONES_READ.get()).isPositive();
        // every code of §3–§17
        assertThat(CODES_SEEN.keySet()).containsExactlyInAnyOrderElementsOf(AckChooser.CODES);
    }
}
