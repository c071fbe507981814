package io.ordertriage.reference;

import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses acknowledgements (rulebook §18) for a batch of orders, deterministically from a seed. So
 * that they matter, they are chosen from the codes each order actually gets (as classified without
 * acknowledgements, by the reference): about a third of the orders get acknowledgements, some of
 * every code they have (often turning an ATTENTION order OK), some of one code, some of a code the
 * order does not have or of a code in lower case; {@code until} is empty, exactly as-of (lapsed),
 * a second or a nanosecond either side of it, or a month either side; some order and code get two
 * rows, one lapsed and one holding or both lapsed; and a few acknowledgements name unknown orders.
 */
public final class AckChooser {

    /** Codes of §3–§17, for acknowledgements of codes an order does not have. */
    public static final List<String> CODES = List.of(
            "CANCELLED_BUT_PAID", "PAID_BUT_REJECTED", "REJECTED_NOT_CANCELLED", "FULFILLING_UNPAID",
            "PAYMENT_FAILED", "AHEAD_OF_CONFIRMATION", "REFUND_WITHOUT_CANCELLATION", "STATUS_UNRECOGNISED",
            "CONFIRMATION_OVERDUE", "PAYMENT_OVERDUE", "REFUND_OVERDUE", "DELIVERY_LATE",
            "AGE_NOT_VERIFIED", "CITY_MISSING", "NOT_IN_CITY_ASSORTMENT", "PRICE_ABOVE_CITY_REFERENCE",
            "KEY_ITEM_UNAVAILABLE", "ITEM_UNAVAILABLE", "ITEM_SUBSTITUTED", "ORDER_UNFULFILLABLE",
            "HANDOVER_OVERDUE", "ARRIVAL_LATE", "DELIVERY_DATE_NOT_AGREED", "POSTPONED_TOO_LONG",
            "DELIVERY_DATE_MISSED", "STAGE_OVERDUE", "CUSTOMER_WAITING", "CUSTOMER_ARRIVED_NOT_READY",
            "PICKUP_NOT_READY", "PICKUP_NOT_COLLECTED", "RECIPIENT_PHONE_MISSING", "RECIPIENT_AGE_CHECK",
            "CANCEL_REASON_MISSING", "CANCEL_REASON_UNKNOWN", "CANCEL_REASON_WRONG_ROLE",
            "OVERPAID", "UNDERPAID", "PREORDER_DISCOUNT_MISSING", "PREORDER_DISCOUNT_UNEARNED", "COMBO_INCOMPLETE",
            "PHONE_UNUSABLE");

    private AckChooser() {
    }

    /**
     * @param orders     the batch
     * @param unacked    each order's result without acknowledgements, in the same order
     * @param asOf       the evaluation instant
     * @param seed       the seed
     */
    public static List<Acknowledgement> choose(List<Order> orders, List<TriageResult> unacked, Instant asOf, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Instant[] holding = {null, asOf.plusSeconds(1), asOf.plusNanos(1), asOf.plus(Duration.ofDays(30))};
        Instant[] lapsed = {asOf, asOf.minusSeconds(1), asOf.minusNanos(1), asOf.minus(Duration.ofDays(30))};
        List<Acknowledgement> acks = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (r.nextInt(100) >= 35) {
                continue;
            }
            String orderId = orders.get(i).orderId();
            Set<String> codes = new LinkedHashSet<>();
            for (Finding f : unacked.get(i).findings()) {
                codes.add(f.code());
            }
            List<String> own = new ArrayList<>(codes);
            int mode = r.nextInt(10);
            if (own.isEmpty() || mode >= 8) {
                // a code the order does not have, or one of its codes in lower case (codes match exactly)
                String code = !own.isEmpty() && r.nextBoolean()
                        ? own.get(r.nextInt(own.size())).toLowerCase(Locale.ROOT)
                        : CODES.get(r.nextInt(CODES.size()));
                if (!codes.contains(code)) {
                    acks.add(new Acknowledgement(orderId, code, pick(r, holding, lapsed), "other code"));
                }
            } else if (mode < 3) {
                for (String code : own) { // every code, holding: the order's own findings all acknowledged
                    acks.add(new Acknowledgement(orderId, code, holding[r.nextInt(holding.length)], "all"));
                }
            } else {
                String code = own.get(r.nextInt(own.size()));
                acks.add(new Acknowledgement(orderId, code, pick(r, holding, lapsed), "one"));
                if (r.nextInt(4) == 0) { // a second row: any holding row acknowledges
                    acks.add(new Acknowledgement(orderId, code, pick(r, holding, lapsed), "again"));
                }
            }
        }
        int unknown = r.nextInt(3);
        for (int k = 0; k < unknown; k++) {
            acks.add(new Acknowledgement("NO-SUCH-" + r.nextInt(1000), CODES.get(r.nextInt(CODES.size())),
                    pick(r, holding, lapsed), null));
        }
        return acks;
    }

    private static Instant pick(SplittableRandom r, Instant[] holding, Instant[] lapsed) {
        return r.nextBoolean() ? holding[r.nextInt(holding.length)] : lapsed[r.nextInt(lapsed.length)];
    }
}
