package io.ordertriage.reference;

import io.ordertriage.RulePack;
import io.ordertriage.TriageSettings;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.Action;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Contact;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A plain-Java implementation of the rulebook (§2–§7 and §11–§18), written from the rulebook alone,
 * without Drools and without reading the rule files. It is the oracle of the differential property
 * tests and the "physical limit" of the JMH benchmarks, so the hot path avoids streams, boxing and
 * needless allocation: order-level findings are constants, timers compare seconds and nanos without
 * building a {@link Duration}, and findings are collected in small arrays and insertion-sorted.
 *
 * <p>Output conventions (shared with the engine): findings sorted by priority (P1 first), then line
 * index (order-level findings first), then code, then message; {@code normalCombination} is the
 * matched id (for example {@code N06}) or {@code null} (always {@code null} when the status pack is
 * off); the basket has one entry per line when §7 ran and is empty otherwise; {@code contact} is
 * always computed (§17), whatever packs run; a finding whose order and code have an
 * acknowledgement holding at as-of is {@code acknowledged} and counts for neither the verdict nor
 * the priority (§18).
 *
 * <p>Readings of the rulebook where it leaves room (product decisions):
 * <ul>
 *   <li>§11: every code needs an open order with fulfilment DELIVERY; ARRIVAL_LATE also needs delivery
 *       terms, shipped_at, no arrived_at and a row for the order's locality (which defaults to its city).</li>
 *   <li>§12: the READY row needs fulfilment DELIVERY; the other rows do not look at fulfilment.</li>
 *   <li>§13: PICKUP_NOT_COLLECTED needs status_changed_at.</li>
 *   <li>§14 does not look at fulfilment; RECIPIENT_AGE_CHECK is one per order, without a sku.</li>
 *   <li>§15: WRONG_ROLE only when cancelled_by is present.</li>
 *   <li>§16: both pre-order codes need a NEW or CONFIRMED order with a delivery_date; a combo's count
 *       leaves out the lines §7's basket removes, when §7 ran for the order.</li>
 *   <li>§17: a phone is usable when libphonenumber, parsing it with {@code contact.region}, judges it
 *       a valid number ({@code isValidNumber}); PHONE_UNUSABLE looks at every other finding of the
 *       order, acknowledged or not, of any priority.</li>
 * </ul>
 *
 * <p>Thread-safe: instances are immutable and {@link #classify} keeps its state on the stack.
 */
public final class ReferenceClassifier {

    /** The line index of an order-level finding; sorts before every line. */
    private static final int ORDER_LEVEL = -1;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    // §3 status diagnoses (order-level, so constant).
    private static final Finding CANCELLED_BUT_PAID = orderFinding("CANCELLED_BUT_PAID", Priority.P1, Action.REFUND,
            "The order is cancelled but paid: refund the customer.");
    private static final Finding PAID_BUT_REJECTED = orderFinding("PAID_BUT_REJECTED", Priority.P1, Action.REFUND,
            "The confirmation was rejected but the order is paid: refund the customer.");
    private static final Finding REJECTED_NOT_CANCELLED = orderFinding("REJECTED_NOT_CANCELLED", Priority.P2,
            Action.CANCEL_ORDER, "The confirmation was rejected but the order is not cancelled: cancel it.");
    private static final Finding FULFILLING_UNPAID = orderFinding("FULFILLING_UNPAID", Priority.P1,
            Action.CALL_CUSTOMER, "The order is being fulfilled but is not paid: call the customer.");
    private static final Finding PAYMENT_FAILED = orderFinding("PAYMENT_FAILED", Priority.P2, Action.CALL_CUSTOMER,
            "The payment failed: call the customer.");
    private static final Finding AHEAD_OF_CONFIRMATION = orderFinding("AHEAD_OF_CONFIRMATION", Priority.P2,
            Action.CALL_SUPPLIER, "The order went ahead while the confirmation is still awaited: call the supplier.");
    private static final Finding REFUND_WITHOUT_CANCELLATION = orderFinding("REFUND_WITHOUT_CANCELLATION",
            Priority.P2, Action.REVIEW, "A refund exists but the order is neither cancelled nor completed: review it.");
    private static final Finding STATUS_UNRECOGNISED = orderFinding("STATUS_UNRECOGNISED", Priority.P3,
            Action.REVIEW, "The combination of statuses is not a known normal one: review it.");

    // §4 timers.
    private static final Finding CONFIRMATION_OVERDUE = orderFinding("CONFIRMATION_OVERDUE", Priority.P2,
            Action.CALL_SUPPLIER, "The supplier has not confirmed the order in time: call the supplier.");
    private static final Finding PAYMENT_OVERDUE = orderFinding("PAYMENT_OVERDUE", Priority.P2, Action.CALL_CUSTOMER,
            "The customer has not paid in time: call the customer.");
    private static final Finding REFUND_OVERDUE = orderFinding("REFUND_OVERDUE", Priority.P2, Action.ESCALATE_REFUND,
            "The refund has been pending too long: escalate it.");
    private static final Finding DELIVERY_LATE = orderFinding("DELIVERY_LATE", Priority.P2, Action.CALL_CUSTOMER,
            "The order is past its estimated delivery: call the customer.");

    // §6 order-level.
    private static final Finding CITY_MISSING = orderFinding("CITY_MISSING", Priority.P3, Action.REVIEW,
            "The order has no city, so its prices and assortment cannot be checked: review it.");

    // §7 order-level.
    private static final Finding ORDER_UNFULFILLABLE = orderFinding("ORDER_UNFULFILLABLE", Priority.P1,
            Action.CANCEL_ORDER, "Every line of the order is removed: cancel the order.");

    // §11 delivery scheduling.
    private static final Finding HANDOVER_OVERDUE = orderFinding("HANDOVER_OVERDUE", Priority.P2, Action.SHIP_ORDER,
            "The order has not been handed over to the delivery service in time: ship it.");
    private static final Finding ARRIVAL_LATE = orderFinding("ARRIVAL_LATE", Priority.P2, Action.CONTACT_CARRIER,
            "The parcel is past its promised arrival in the locality: contact the carrier.");
    private static final Finding DELIVERY_DATE_NOT_AGREED = orderFinding("DELIVERY_DATE_NOT_AGREED", Priority.P2,
            Action.CALL_CUSTOMER, "The parcel arrived but no delivery date has been agreed in time: call the customer.");
    private static final Finding POSTPONED_TOO_LONG = orderFinding("POSTPONED_TOO_LONG", Priority.P3,
            Action.CALL_CUSTOMER, "The delivery date is later than the arrival allows: call the customer.");
    private static final Finding DELIVERY_DATE_MISSED = orderFinding("DELIVERY_DATE_MISSED", Priority.P2,
            Action.CALL_CUSTOMER, "The agreed delivery date has passed: call the customer.");

    // §12 stage deadlines (the message names the stage and how long; built when one fires).
    private static final String STAGE_OVERDUE = "STAGE_OVERDUE";

    // §13 pickup counter.
    private static final Finding CUSTOMER_WAITING = orderFinding("CUSTOMER_WAITING", Priority.P1,
            Action.SERVE_CUSTOMER, "A checked-in customer has been waiting at the counter too long: serve them.");
    private static final Finding CUSTOMER_ARRIVED_NOT_READY = orderFinding("CUSTOMER_ARRIVED_NOT_READY", Priority.P1,
            Action.SERVE_CUSTOMER, "The customer is at the counter but the order is not ready: serve them.");
    private static final Finding PICKUP_NOT_READY = orderFinding("PICKUP_NOT_READY", Priority.P3, Action.REVIEW,
            "The pickup order is not ready in time: review it.");
    private static final Finding PICKUP_NOT_COLLECTED = orderFinding("PICKUP_NOT_COLLECTED", Priority.P3,
            Action.CALL_CUSTOMER, "The ready pickup order has not been collected in time: call the customer.");

    // §14 recipient.
    private static final Finding RECIPIENT_PHONE_MISSING = orderFinding("RECIPIENT_PHONE_MISSING", Priority.P3,
            Action.CALL_CUSTOMER, "The order names a recipient without a phone: call the customer.");
    private static final Finding RECIPIENT_AGE_CHECK = orderFinding("RECIPIENT_AGE_CHECK", Priority.P4,
            Action.VERIFY_AGE, "18+ goods go to a recipient other than the buyer: check the recipient's ID.");

    // §15 cancellation reasons.
    private static final Finding CANCEL_REASON_MISSING = orderFinding("CANCEL_REASON_MISSING", Priority.P3,
            Action.REVIEW, "The cancelled order has no cancellation reason: review it.");
    private static final String CANCEL_REASON_UNKNOWN = "CANCEL_REASON_UNKNOWN";
    private static final String CANCEL_REASON_WRONG_ROLE = "CANCEL_REASON_WRONG_ROLE";

    // §16 money (the messages state amounts or the combo; built when one fires).
    private static final String OVERPAID = "OVERPAID";
    private static final String UNDERPAID = "UNDERPAID";
    private static final Finding PREORDER_DISCOUNT_MISSING = orderFinding("PREORDER_DISCOUNT_MISSING", Priority.P3,
            Action.ADJUST_PRICE, "A pre-order without the pre-order discount: adjust the price.");
    private static final Finding PREORDER_DISCOUNT_UNEARNED = orderFinding("PREORDER_DISCOUNT_UNEARNED", Priority.P3,
            Action.ADJUST_PRICE, "The pre-order discount on an order that is not a pre-order: adjust the price.");
    private static final String COMBO_INCOMPLETE = "COMBO_INCOMPLETE";

    // §17 contacts.
    private static final Finding PHONE_UNUSABLE = orderFinding("PHONE_UNUSABLE", Priority.P2, Action.REVIEW,
            "The customer must be called but has no usable phone: review the contact details.");

    // Line-level codes and their fixed texts.
    private static final String AGE_NOT_VERIFIED = "AGE_NOT_VERIFIED";
    private static final String AGE_NOT_VERIFIED_MSG = "An 18+ line on a customer whose age is not verified: verify the age.";
    private static final String NOT_IN_CITY_ASSORTMENT = "NOT_IN_CITY_ASSORTMENT";
    private static final String NOT_IN_CITY_ASSORTMENT_MSG = "The line's sku is not sold in the order's city: remove the item.";
    private static final String PRICE_ABOVE = "PRICE_ABOVE_CITY_REFERENCE";
    private static final String PRICE_ABOVE_MSG = "The line's unit price is above the city reference price: adjust the price.";
    private static final String KEY_ITEM_UNAVAILABLE = "KEY_ITEM_UNAVAILABLE";
    private static final String KEY_ITEM_UNAVAILABLE_MSG = "A key item is unavailable without a substitute: remove its group.";
    private static final String ITEM_UNAVAILABLE = "ITEM_UNAVAILABLE";
    private static final String ITEM_UNAVAILABLE_MSG = "The item is unavailable without a substitute: remove it.";
    private static final String ITEM_SUBSTITUTED = "ITEM_SUBSTITUTED";
    private static final String ITEM_SUBSTITUTED_MSG = "The item is unavailable and replaced by its accepted substitute.";

    // §4
    private final Duration confirmationTimeout;
    private final Duration paymentTimeout;
    private final Duration refundTimeout;
    private final Duration deliveryGrace;
    // §11–§17
    private final Duration handoverTimeout;
    private final Duration agreeTimeout;
    private final Period maxPostponement;
    private final Duration stageAssembling;
    private final Duration stageReady;
    private final Duration stageInDelivery;
    private final Duration pickupQueueTimeout;
    private final Duration pickupReadyTimeout;
    private final Duration pickupStoragePeriod;
    private final Map<String, CancellationRole> cancellationReasons;
    private final BigDecimal moneyTolerance;
    private final int preorderMinWorkingDays;
    private final String preorderPromo;
    private final Set<LocalDate> holidays;
    private final int comboSize;
    private final String contactRegion;

    private final boolean statusOn;
    private final boolean timersOn;
    private final boolean ageOn;
    private final boolean pricingOn;
    private final boolean substitutionOn;
    private final boolean deliveryOn;
    private final boolean stagesOn;
    private final boolean pickupOn;
    private final boolean recipientOn;
    private final boolean cancellationOn;
    private final boolean moneyOn;
    private final boolean contactsOn;

    private final PriceList priceList;
    private final DeliveryTerms deliveryTerms;
    /** "orderId\ncode" → the untils of its acknowledgements ({@code null}: never lapses). */
    private final Map<String, List<Instant>> acknowledged;

    /** Sections §1–§18 without delivery terms and without acknowledgements. */
    public ReferenceClassifier(TriageSettings settings, PriceList priceListOrNull) {
        this(settings, priceListOrNull, null, Acknowledgements.NONE);
    }

    /**
     * @param settings            thresholds, catalogues and packs
     * @param priceListOrNull     the price list of §6, or {@code null} (then §6 does not run)
     * @param deliveryTermsOrNull the delivery terms of §11, or {@code null} (then ARRIVAL_LATE does not run)
     * @param acknowledgements    the acknowledged findings of §18; {@code null} means none
     */
    public ReferenceClassifier(TriageSettings settings, PriceList priceListOrNull, DeliveryTerms deliveryTermsOrNull,
                               Acknowledgements acknowledgements) {
        Objects.requireNonNull(settings, "settings");
        this.confirmationTimeout = settings.confirmationTimeout();
        this.paymentTimeout = settings.paymentTimeout();
        this.refundTimeout = settings.refundTimeout();
        this.deliveryGrace = settings.deliveryGrace();
        this.handoverTimeout = settings.handoverTimeout();
        this.agreeTimeout = settings.agreeTimeout();
        this.maxPostponement = settings.maxPostponement();
        this.stageAssembling = settings.stageAssembling();
        this.stageReady = settings.stageReady();
        this.stageInDelivery = settings.stageInDelivery();
        this.pickupQueueTimeout = settings.pickupQueueTimeout();
        this.pickupReadyTimeout = settings.pickupReadyTimeout();
        this.pickupStoragePeriod = settings.pickupStoragePeriod();
        // The catalogue's reasons, compared trimmed and upper case (§15).
        Map<String, CancellationRole> reasons = new HashMap<>();
        settings.cancellationReasons().forEach((reason, role) -> reasons.put(reasonKey(reason), role));
        this.cancellationReasons = reasons;
        this.moneyTolerance = settings.moneyTolerance();
        this.preorderMinWorkingDays = settings.preorderMinWorkingDays();
        this.preorderPromo = promoKey(settings.preorderPromo());
        this.holidays = Set.copyOf(settings.holidays());
        this.comboSize = settings.comboSize();
        this.contactRegion = settings.contactRegion();

        this.statusOn = settings.isEnabled(RulePack.STATUS);
        this.timersOn = settings.isEnabled(RulePack.TIMERS);
        this.ageOn = settings.isEnabled(RulePack.AGE);
        this.priceList = priceListOrNull;
        this.pricingOn = settings.isEnabled(RulePack.PRICING) && priceListOrNull != null;
        this.substitutionOn = settings.isEnabled(RulePack.SUBSTITUTION);
        this.deliveryOn = settings.isEnabled(RulePack.DELIVERY);
        this.stagesOn = settings.isEnabled(RulePack.STAGES);
        this.pickupOn = settings.isEnabled(RulePack.PICKUP);
        this.recipientOn = settings.isEnabled(RulePack.RECIPIENT);
        this.cancellationOn = settings.isEnabled(RulePack.CANCELLATION);
        this.moneyOn = settings.isEnabled(RulePack.MONEY);
        this.contactsOn = settings.isEnabled(RulePack.CONTACTS);

        this.deliveryTerms = deliveryTermsOrNull;
        Map<String, List<Instant>> acks = new HashMap<>();
        if (acknowledgements != null) {
            for (Acknowledgement a : acknowledgements.all()) {
                acks.computeIfAbsent(a.orderId() + "\n" + a.code(), k -> new ArrayList<>(1)).add(a.until());
            }
        }
        this.acknowledged = acks;
    }

    /** {@link #classify(Order, Instant, ZoneId)} in UTC. */
    public TriageResult classify(Order order, Instant asOf) {
        return classify(order, asOf, ZoneOffset.UTC);
    }

    /**
     * Classifies one order at {@code asOf}; "the as-of date" and "the date of" a date-time are taken
     * in {@code zone}.
     */
    public TriageResult classify(Order order, Instant asOf, ZoneId zone) {
        final OrderStatus os = order.orderStatus();
        final PaymentStatus ps = order.paymentStatus();
        final ConfirmationStatus cs = order.confirmationStatus();
        final List<OrderLine> lines = order.lines();
        final int lineCount = lines.size();
        final boolean open = os != OrderStatus.COMPLETED && os != OrderStatus.CANCELLED;
        final Findings out = new Findings();

        // §3 status combinations
        String normal = null;
        if (statusOn) {
            normal = normalCombination(os, ps, cs);
            if (normal == null) {
                out.add(diagnose(os, ps, cs), ORDER_LEVEL);
            }
        }

        // §4 timers
        if (timersOn) {
            boolean newOrConfirmed = os == OrderStatus.NEW || os == OrderStatus.CONFIRMED;
            if (cs == ConfirmationStatus.AWAITING && newOrConfirmed
                    && elapsedExceeds(order.createdAt(), asOf, confirmationTimeout)) {
                out.add(CONFIRMATION_OVERDUE, ORDER_LEVEL);
            }
            if (ps == PaymentStatus.PENDING && newOrConfirmed
                    && elapsedExceeds(order.createdAt(), asOf, paymentTimeout)) {
                out.add(PAYMENT_OVERDUE, ORDER_LEVEL);
            }
            if (ps == PaymentStatus.REFUND_PENDING && elapsedExceeds(order.updatedAt(), asOf, refundTimeout)) {
                out.add(REFUND_OVERDUE, ORDER_LEVEL);
            }
            Instant eta = order.estimatedDeliveryAt();
            if (eta != null && isInFulfilment(os) && elapsedExceeds(eta, asOf, deliveryGrace)) {
                out.add(DELIVERY_LATE, ORDER_LEVEL);
            }
        }

        // §5 age gating
        if (ageOn && !order.ageVerified() && open) {
            for (int i = 0; i < lineCount; i++) {
                OrderLine line = lines.get(i);
                if (line.adultOnly()) {
                    out.add(lineFinding(AGE_NOT_VERIFIED, Priority.P2, Action.VERIFY_AGE, line.sku(),
                            AGE_NOT_VERIFIED_MSG), i);
                }
            }
        }

        // §6 city pricing and assortment
        if (pricingOn && os != OrderStatus.CANCELLED && lineCount > 0) {
            String city = order.city();
            if (city == null) {
                out.add(CITY_MISSING, ORDER_LEVEL);
            } else {
                boolean assortmentApplies = os != OrderStatus.COMPLETED;
                for (int i = 0; i < lineCount; i++) {
                    OrderLine line = lines.get(i);
                    BigDecimal reference = priceList.referencePriceOrNull(city, line.sku());
                    if (reference == null) {
                        if (assortmentApplies) {
                            out.add(lineFinding(NOT_IN_CITY_ASSORTMENT, Priority.P3, Action.REMOVE_ITEM, line.sku(),
                                    NOT_IN_CITY_ASSORTMENT_MSG), i);
                        }
                    } else {
                        BigDecimal price = line.unitPrice();
                        if (price != null && price.compareTo(reference) > 0) {
                            out.add(lineFinding(PRICE_ABOVE, Priority.P2, Action.ADJUST_PRICE, line.sku(),
                                    PRICE_ABOVE_MSG), i);
                        }
                    }
                }
            }
        }

        // §7 substitution and key items
        List<LineResolution> basket = List.of();
        if (substitutionOn && lineCount > 0
                && (os == OrderStatus.NEW || os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING)) {
            basket = resolveBasket(lines, out);
        }

        // §11 delivery scheduling
        if (deliveryOn && open && order.fulfilment() == Fulfilment.DELIVERY) {
            delivery(order, asOf, zone, out);
        }

        // §12 stage deadlines
        if (stagesOn && open && order.statusChangedAt() != null) {
            stage(order, asOf, out);
        }

        // §13 pickup counter
        if (pickupOn && open && order.fulfilment() == Fulfilment.PICKUP) {
            pickup(order, asOf, out);
        }

        // §14 recipient
        if (recipientOn && order.recipientName() != null) {
            if (open && order.recipientPhone() == null) {
                out.add(RECIPIENT_PHONE_MISSING, ORDER_LEVEL);
            }
            if ((os == OrderStatus.READY || os == OrderStatus.IN_DELIVERY) && hasAdultLine(lines)) {
                out.add(RECIPIENT_AGE_CHECK, ORDER_LEVEL);
            }
        }

        // §15 cancellation reasons by role
        if (cancellationOn && os == OrderStatus.CANCELLED) {
            cancellation(order, out);
        }

        // §16 money
        if (moneyOn) {
            money(order, zone, basket, open, out);
        }

        // §17 contacts: the result's contact always, its phones read when first asked for (as the engine
        // does: libphonenumber takes longer than the rest of this method); PHONE_UNUSABLE over the other findings
        Contact contact = Contact.reading(order.customerPhone(), order.recipientPhone(), raw -> e164(raw, contactRegion));
        if (contactsOn && out.hasAction(Action.CALL_CUSTOMER) && contact.phone() == null) {
            out.add(PHONE_UNUSABLE, ORDER_LEVEL);
        }

        // §18 acknowledged findings
        if (!acknowledged.isEmpty()) {
            out.acknowledge(order.orderId(), asOf, acknowledged);
        }

        out.sort();
        Priority priority = out.mostUrgentAttention();
        return new TriageResult(order.orderId(), order.createdAt(),
                priority == null ? Verdict.OK : Verdict.ATTENTION, priority, normal, out.toList(), basket, contact);
    }

    // ---------------------------------------------------------------- §11

    private void delivery(Order order, Instant asOf, ZoneId zone, Findings out) {
        final OrderStatus os = order.orderStatus();
        final Instant shipped = order.shippedAt();
        final Instant arrived = order.arrivedAt();
        final LocalDate deliveryDate = order.deliveryDate();
        if ((os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING || os == OrderStatus.READY)
                && shipped == null && elapsedExceeds(order.createdAt(), asOf, handoverTimeout)) {
            out.add(HANDOVER_OVERDUE, ORDER_LEVEL);
        }
        if (deliveryTerms != null && shipped != null && arrived == null) {
            Integer days = deliveryTerms.daysTo(order.locality());
            // whole days of 24 hours: the promised arrival is an instant, whatever the zone's clocks do
            if (days != null && asOf.isAfter(shipped.plusSeconds(days * 86_400L))) {
                out.add(ARRIVAL_LATE, ORDER_LEVEL);
            }
        }
        if (arrived != null && deliveryDate == null && elapsedExceeds(arrived, asOf, agreeTimeout)) {
            out.add(DELIVERY_DATE_NOT_AGREED, ORDER_LEVEL);
        }
        if (arrived != null && deliveryDate != null
                && deliveryDate.isAfter(LocalDate.ofInstant(arrived, zone).plus(maxPostponement))) {
            out.add(POSTPONED_TOO_LONG, ORDER_LEVEL);
        }
        if (deliveryDate != null && LocalDate.ofInstant(asOf, zone).isAfter(deliveryDate)) {
            out.add(DELIVERY_DATE_MISSED, ORDER_LEVEL);
        }
    }

    // ---------------------------------------------------------------- §12

    private void stage(Order order, Instant asOf, Findings out) {
        final Duration deadline;
        final Action action;
        final String stage;
        switch (order.orderStatus()) {
            case ASSEMBLING:
                deadline = stageAssembling;
                action = Action.REVIEW;
                stage = "ASSEMBLING";
                break;
            case READY:
                if (order.fulfilment() != Fulfilment.DELIVERY) {
                    return;
                }
                deadline = stageReady;
                action = Action.SHIP_ORDER;
                stage = "READY";
                break;
            case IN_DELIVERY:
                deadline = stageInDelivery;
                action = Action.CONTACT_CARRIER;
                stage = "IN_DELIVERY";
                break;
            default:
                return;
        }
        Instant since = order.statusChangedAt();
        if (!deadline.isZero() && elapsedExceeds(since, asOf, deadline)) {
            out.add(orderFinding(STAGE_OVERDUE, Priority.P3, action, "The order has been " + stage + " for "
                    + Duration.between(since, asOf) + ", longer than " + deadline + "."), ORDER_LEVEL);
        }
    }

    // ---------------------------------------------------------------- §13

    private void pickup(Order order, Instant asOf, Findings out) {
        final OrderStatus os = order.orderStatus();
        final boolean notReadyYet = os == OrderStatus.NEW || os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING;
        final Instant checkin = order.pickupCheckinAt();
        if (checkin != null) {
            if (os == OrderStatus.READY && elapsedExceeds(checkin, asOf, pickupQueueTimeout)) {
                out.add(CUSTOMER_WAITING, ORDER_LEVEL);
            }
            if (notReadyYet) {
                out.add(CUSTOMER_ARRIVED_NOT_READY, ORDER_LEVEL);
            }
        } else {
            if (notReadyYet && elapsedExceeds(order.createdAt(), asOf, pickupReadyTimeout)) {
                out.add(PICKUP_NOT_READY, ORDER_LEVEL);
            }
            Instant readySince = order.statusChangedAt();
            if (os == OrderStatus.READY && readySince != null
                    && elapsedExceeds(readySince, asOf, pickupStoragePeriod)) {
                out.add(PICKUP_NOT_COLLECTED, ORDER_LEVEL);
            }
        }
    }

    // ---------------------------------------------------------------- §14

    private static boolean hasAdultLine(List<OrderLine> lines) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            if (lines.get(i).adultOnly()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- §15

    private void cancellation(Order order, Findings out) {
        String reason = reasonKey(order.cancelReason());
        if (reason == null) {
            out.add(CANCEL_REASON_MISSING, ORDER_LEVEL);
            return;
        }
        CancellationRole role = cancellationReasons.get(reason);
        if (role == null) {
            out.add(orderFinding(CANCEL_REASON_UNKNOWN, Priority.P3, Action.REVIEW,
                    "The cancellation reason " + reason + " is not in the catalogue: review it."), ORDER_LEVEL);
        } else if (order.cancelledBy() != null && order.cancelledBy() != role) {
            out.add(orderFinding(CANCEL_REASON_WRONG_ROLE, Priority.P3, Action.REVIEW,
                    "The cancellation reason " + reason + " belongs to " + role + ", not to "
                            + order.cancelledBy() + ": review it."), ORDER_LEVEL);
        }
    }

    /** Trimmed and upper case, {@code null} for empty: how §15's reasons compare. */
    private static String reasonKey(String reason) {
        if (reason == null) {
            return null;
        }
        String r = reason.strip();
        return r.isEmpty() ? null : r.toUpperCase(Locale.ROOT);
    }

    /** Trimmed and upper case, {@code null} for empty: how §16's promotion codes compare. */
    private static String promoKey(String promo) {
        return reasonKey(promo);
    }

    // ---------------------------------------------------------------- §16

    private void money(Order order, ZoneId zone, List<LineResolution> basket, boolean open, Findings out) {
        final OrderStatus os = order.orderStatus();
        final List<OrderLine> lines = order.lines();

        // Re-pricing: paid against the order total.
        BigDecimal paid = order.paidAmount();
        if (os != OrderStatus.CANCELLED && order.paymentStatus() == PaymentStatus.PAID && paid != null) {
            BigDecimal total = total(order);
            if (total != null) {
                BigDecimal over = paid.subtract(total);
                if (over.compareTo(moneyTolerance) > 0) {
                    out.add(orderFinding(OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE, "Paid " + paid.toPlainString()
                            + ", total " + total.toPlainString() + ": refund " + over.toPlainString() + "."), ORDER_LEVEL);
                } else if (over.negate().compareTo(moneyTolerance) > 0) {
                    out.add(orderFinding(UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE, "Paid " + paid.toPlainString()
                            + ", total " + total.toPlainString() + ": collect " + over.negate().toPlainString() + "."),
                            ORDER_LEVEL);
                }
            }
        }

        // Pre-order discount: settled at checkout, so NEW or CONFIRMED with a delivery date.
        LocalDate deliveryDate = order.deliveryDate();
        if ((os == OrderStatus.NEW || os == OrderStatus.CONFIRMED) && deliveryDate != null) {
            LocalDate placed = LocalDate.ofInstant(order.createdAt(), zone);
            boolean preorder = workingDaysAtLeast(placed, deliveryDate, preorderMinWorkingDays);
            String promo = promoKey(order.promo());
            if (preorder && promo == null) {
                out.add(PREORDER_DISCOUNT_MISSING, ORDER_LEVEL);
            } else if (!preorder && preorderPromo.equals(promo)) {
                out.add(PREORDER_DISCOUNT_UNEARNED, ORDER_LEVEL);
            }
        }

        // Combos: the lines still delivered per combo id.
        if (open) {
            final int n = lines.size();
            for (int i = 0; i < n; i++) {
                String combo = lines.get(i).comboId();
                if (combo == null || firstIndexOfCombo(lines, combo) != i) {
                    continue; // no combo, or a combo already counted
                }
                int count = 0;
                for (int j = i; j < n; j++) {
                    if (combo.equals(lines.get(j).comboId())
                            && (basket.isEmpty() || basket.get(j).decision() != LineDecision.REMOVE)) {
                        count++;
                    }
                }
                if (count != comboSize) {
                    out.add(orderFinding(COMBO_INCOMPLETE, Priority.P3, Action.REVIEW, "Combo " + combo + " delivers "
                            + count + " of its " + comboSize + " lines: review it."), ORDER_LEVEL);
                }
            }
        }
    }

    private static int firstIndexOfCombo(List<OrderLine> lines, String combo) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            if (combo.equals(lines.get(i).comboId())) {
                return i;
            }
        }
        return -1;
    }

    /** Σ qty × unit_price − discount over at least one line, each with a unit price; else {@code null}. */
    static BigDecimal total(Order order) {
        List<OrderLine> lines = order.lines();
        if (lines.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0, n = lines.size(); i < n; i++) {
            OrderLine line = lines.get(i);
            if (line.unitPrice() == null) {
                return null;
            }
            sum = sum.add(line.unitPrice().multiply(BigDecimal.valueOf(line.qty())));
        }
        return sum.subtract(order.discount());
    }

    /** Whether at least {@code min} working days d satisfy {@code placed < d ≤ due}. */
    private boolean workingDaysAtLeast(LocalDate placed, LocalDate due, int min) {
        int count = 0;
        if (count >= min) {
            return true;
        }
        for (LocalDate d = placed.plusDays(1); !d.isAfter(due); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5 && !holidays.contains(d) && ++count >= min) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- §17

    /** {@code raw} in E.164 form when libphonenumber judges it a valid number read in {@code region}, else {@code null}. */
    public static String e164(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(raw, region);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- §3

    /** The id of the normal combination the statuses match, or {@code null}. */
    static String normalCombination(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        final boolean cStar = cs == ConfirmationStatus.CONFIRMED || cs == ConfirmationStatus.NOT_REQUIRED;
        switch (os) {
            case NEW:
                if (ps == PaymentStatus.PENDING) {
                    return cs == ConfirmationStatus.AWAITING ? "N01" : cs == ConfirmationStatus.NOT_REQUIRED ? "N02" : null;
                }
                if (ps == PaymentStatus.PAID) {
                    return cs == ConfirmationStatus.AWAITING ? "N03" : cs == ConfirmationStatus.NOT_REQUIRED ? "N04" : null;
                }
                return null;
            case CONFIRMED:
                if (!cStar) {
                    return null;
                }
                return ps == PaymentStatus.PENDING ? "N05" : ps == PaymentStatus.PAID ? "N06" : null;
            case ASSEMBLING:
                return cStar && ps == PaymentStatus.PAID ? "N07" : null;
            case READY:
                return cStar && ps == PaymentStatus.PAID ? "N08" : null;
            case IN_DELIVERY:
                return cStar && ps == PaymentStatus.PAID ? "N09" : null;
            case COMPLETED:
                if (!cStar) {
                    return null;
                }
                if (ps == PaymentStatus.PAID) {
                    return "N10";
                }
                return ps == PaymentStatus.REFUND_PENDING || ps == PaymentStatus.REFUNDED ? "N11" : null;
            case CANCELLED:
                if (ps == PaymentStatus.PENDING || ps == PaymentStatus.FAILED || ps == PaymentStatus.REFUNDED) {
                    return "N12";
                }
                return ps == PaymentStatus.REFUND_PENDING ? "N13" : null;
            default:
                throw new IllegalStateException("unknown order status " + os);
        }
    }

    /** The first status diagnosis that applies to a non-normal combination (rulebook §3, second table). */
    static Finding diagnose(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        if (os == OrderStatus.CANCELLED && ps == PaymentStatus.PAID) {
            return CANCELLED_BUT_PAID;
        }
        if (cs == ConfirmationStatus.REJECTED && ps == PaymentStatus.PAID) {
            return PAID_BUT_REJECTED;
        }
        if (cs == ConfirmationStatus.REJECTED && os != OrderStatus.CANCELLED) {
            return REJECTED_NOT_CANCELLED;
        }
        boolean fulfilling = os == OrderStatus.ASSEMBLING || os == OrderStatus.READY
                || os == OrderStatus.IN_DELIVERY || os == OrderStatus.COMPLETED;
        if (fulfilling && (ps == PaymentStatus.PENDING || ps == PaymentStatus.FAILED)) {
            return FULFILLING_UNPAID;
        }
        if (ps == PaymentStatus.FAILED && (os == OrderStatus.NEW || os == OrderStatus.CONFIRMED)) {
            return PAYMENT_FAILED;
        }
        if (cs == ConfirmationStatus.AWAITING && os != OrderStatus.NEW && os != OrderStatus.CANCELLED) {
            return AHEAD_OF_CONFIRMATION; // CONFIRMED, ASSEMBLING, READY, IN_DELIVERY or COMPLETED
        }
        if ((ps == PaymentStatus.REFUND_PENDING || ps == PaymentStatus.REFUNDED)
                && os != OrderStatus.CANCELLED && os != OrderStatus.COMPLETED) {
            return REFUND_WITHOUT_CANCELLATION;
        }
        return STATUS_UNRECOGNISED;
    }

    // ---------------------------------------------------------------- §4

    private static boolean isInFulfilment(OrderStatus os) {
        return os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING
                || os == OrderStatus.READY || os == OrderStatus.IN_DELIVERY;
    }

    /**
     * {@code Duration.between(from, asOf).compareTo(threshold) > 0}, without allocating: the elapsed
     * time as (seconds, nanos ∈ [0, 1e9)) compared lexicographically with the threshold's. A future
     * {@code from} gives a negative elapsed time, which never exceeds a (non-negative) threshold.
     */
    static boolean elapsedExceeds(Instant from, Instant asOf, Duration threshold) {
        long seconds = asOf.getEpochSecond() - from.getEpochSecond();
        int nanos = asOf.getNano() - from.getNano();
        if (nanos < 0) {
            nanos += 1_000_000_000;
            seconds--;
        }
        long thresholdSeconds = threshold.getSeconds();
        return seconds > thresholdSeconds || (seconds == thresholdSeconds && nanos > threshold.getNano());
    }

    // ---------------------------------------------------------------- §7

    private static boolean satisfiable(OrderLine line) {
        return line.available() || (line.substituteSku() != null && line.substituteAvailable());
    }

    /**
     * Resolves the basket and adds the §7 findings. Groups removed by an unsatisfiable key line are
     * found first; usually there is none, so the common case is a single pass over the lines.
     */
    private static List<LineResolution> resolveBasket(List<OrderLine> lines, Findings out) {
        final int n = lines.size();

        // The distinct groups that have a key line that is not satisfiable.
        String[] removedGroups = null;
        int removedGroupCount = 0;
        for (int i = 0; i < n; i++) {
            OrderLine line = lines.get(i);
            if (line.keyItem() && !satisfiable(line)) {
                if (removedGroups == null) {
                    removedGroups = new String[4];
                }
                if (indexOf(removedGroups, removedGroupCount, line.lineGroup()) < 0) {
                    if (removedGroupCount == removedGroups.length) {
                        removedGroups = Arrays.copyOf(removedGroups, removedGroupCount * 2);
                    }
                    removedGroups[removedGroupCount++] = line.lineGroup();
                }
            }
        }

        LineResolution[] basket = new LineResolution[n];
        int removed = 0;
        for (int i = 0; i < n; i++) {
            OrderLine line = lines.get(i);
            boolean sat = satisfiable(line);
            if (removedGroupCount > 0 && indexOf(removedGroups, removedGroupCount, line.lineGroup()) >= 0) {
                // Rule 1: the whole group goes; only its unsatisfiable key lines get a finding.
                basket[i] = new LineResolution(line.sku(), LineDecision.REMOVE, null);
                removed++;
                if (line.keyItem() && !sat) {
                    out.add(lineFinding(KEY_ITEM_UNAVAILABLE, Priority.P3, Action.REMOVE_ITEMS, line.sku(),
                            KEY_ITEM_UNAVAILABLE_MSG), i);
                }
            } else if (!sat) {
                // Rule 2: a non-satisfiable line is removed.
                basket[i] = new LineResolution(line.sku(), LineDecision.REMOVE, null);
                removed++;
                out.add(lineFinding(ITEM_UNAVAILABLE, Priority.P3, Action.REMOVE_ITEM, line.sku(),
                        ITEM_UNAVAILABLE_MSG), i);
            } else if (!line.available()) {
                // Rule 2: not available but satisfiable, hence by its substitute.
                basket[i] = new LineResolution(line.sku(), LineDecision.SUBSTITUTE, line.substituteSku());
                out.add(lineFinding(ITEM_SUBSTITUTED, Priority.P4, Action.SUBSTITUTE_ITEM, line.sku(),
                        ITEM_SUBSTITUTED_MSG), i);
            } else {
                basket[i] = new LineResolution(line.sku(), LineDecision.KEEP, null);
            }
        }
        if (removed == n) {
            out.add(ORDER_UNFULFILLABLE, ORDER_LEVEL); // rule 3
        }
        return Arrays.asList(basket);
    }

    private static int indexOf(String[] values, int count, String value) {
        for (int i = 0; i < count; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- findings

    private static Finding orderFinding(String code, Priority priority, Action action, String message) {
        return new Finding(code, priority, action, null, "reference:" + code, message);
    }

    private static Finding lineFinding(String code, Priority priority, Action action, String sku, String message) {
        return new Finding(code, priority, action, sku, "reference:" + code, message);
    }

    /** The findings of one order with the line index each belongs to, kept in parallel arrays. */
    private static final class Findings {
        private Finding[] findings = new Finding[8];
        private int[] lineIndex = new int[8];
        private int size;

        void add(Finding finding, int line) {
            if (size == findings.length) {
                findings = Arrays.copyOf(findings, size * 2);
                lineIndex = Arrays.copyOf(lineIndex, size * 2);
            }
            findings[size] = finding;
            lineIndex[size] = line;
            size++;
        }

        /** Insertion sort (stable, and there are few findings) by priority, line index, code, message. */
        void sort() {
            for (int i = 1; i < size; i++) {
                Finding f = findings[i];
                int line = lineIndex[i];
                int j = i - 1;
                while (j >= 0 && compare(findings[j], lineIndex[j], f, line) > 0) {
                    findings[j + 1] = findings[j];
                    lineIndex[j + 1] = lineIndex[j];
                    j--;
                }
                findings[j + 1] = f;
                lineIndex[j + 1] = line;
            }
        }

        private static int compare(Finding a, int lineA, Finding b, int lineB) {
            int c = a.priority().compareTo(b.priority());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(lineA, lineB);
            if (c != 0) {
                return c;
            }
            c = a.code().compareTo(b.code());
            return c != 0 ? c : a.message().compareTo(b.message());
        }

        /** True when some finding has this action. */
        boolean hasAction(Action action) {
            for (int i = 0; i < size; i++) {
                if (findings[i].action() == action) {
                    return true;
                }
            }
            return false;
        }

        /** Marks acknowledged every finding whose (order, code) has an acknowledgement holding at {@code asOf}. */
        void acknowledge(String orderId, Instant asOf, Map<String, List<Instant>> acknowledged) {
            for (int i = 0; i < size; i++) {
                List<Instant> untils = acknowledged.get(orderId + "\n" + findings[i].code());
                if (untils == null) {
                    continue;
                }
                for (Instant until : untils) {
                    if (until == null || until.isAfter(asOf)) { // until equal to as-of has lapsed
                        findings[i] = findings[i].acknowledge();
                        break;
                    }
                }
            }
        }

        /**
         * The most urgent priority among P1–P3 findings that are not acknowledged, or {@code null};
         * call after {@link #sort}.
         */
        Priority mostUrgentAttention() {
            for (int i = 0; i < size; i++) {
                if (!findings[i].acknowledged() && findings[i].priority() != Priority.P4) {
                    return findings[i].priority(); // sorted by priority, so the first is the most urgent
                }
            }
            return null;
        }

        List<Finding> toList() {
            return size == 0 ? List.of() : Arrays.asList(Arrays.copyOf(findings, size));
        }
    }
}
