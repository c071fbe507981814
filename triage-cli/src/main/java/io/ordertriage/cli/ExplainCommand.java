package io.ordertriage.cli;

import io.ordertriage.TriageEngine;
import io.ordertriage.cli.io.OrderReader;
import io.ordertriage.cli.io.Reject;
import io.ordertriage.cli.io.SourceOrder;
import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Contact;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.TriageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code triage explain}: how one order was read and classified. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how one order was read (with its source lines) and classified: the normal combination "
                + "it matched, or each finding with the rule that raised it.")
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Option(names = "--order", required = true, paramLabel = "ID", description = "The order id to explain.")
    String orderId;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    TriageCli parent;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RunOptions.Setup s = run.setup(parent.stdin)) {
            s.notes().forEach(err::println);
            err.flush();
            TriageEngine engine = run.engine(s);
            List<SourceOrder> found = new ArrayList<>();
            List<Reject> rejects = new ArrayList<>();
            OrderReader.Sink sink = new OrderReader.Sink() {
                @Override
                public void order(SourceOrder order) {
                    if (order.order().orderId().equals(orderId)) {
                        found.add(order);
                    }
                }

                @Override
                public void rejected(List<Reject> problems) {
                    problems.stream().filter(p -> p.orderId().equals(orderId)).forEach(rejects::add);
                }
            };
            RunOptions.readAll(run.reader(s), s, sink, () -> {
                found.clear();
                rejects.clear();
            }, bytes -> { });
            String file = s.input().displayName();
            if (!rejects.isEmpty()) {
                out.println("order " + orderId + " was rejected, so it was not classified:");
                rejects.forEach(r -> out.println("  " + r.describe(file)));
                out.flush();
                return ExitCodes.OK;
            }
            if (found.isEmpty()) {
                throw new UsageException("--order: no order \"" + orderId + "\" in " + file);
            }
            SourceOrder so = found.get(0);
            DateTimeFormatter time = timeFormat(s.zone());
            printOrder(out, file, so, time);
            TriageResult r = engine.classify(so.order());
            out.println();
            out.println("classified as of " + s.asOf() + " with packs " + engine.activePacks()
                    + (run.rules.isEmpty() ? "" : " and the rules in " + run.rules));
            out.println("verdict: " + r.verdict() + (r.priority() == null ? "" : " " + r.priority()));
            Order o = so.order();
            if (r.normalCombination() != null) {
                out.println("status: normal combination " + r.normalCombination() + " (order " + o.orderStatus()
                        + ", payment " + o.paymentStatus() + ", confirmation " + o.confirmationStatus() + ")");
            } else if (engine.activePacks().contains(io.ordertriage.RulePack.STATUS)) {
                out.println("status: matches no normal combination");
            }
            if (r.findings().isEmpty()) {
                out.println("findings: none");
            } else {
                out.println("findings:");
                for (Finding f : r.findings()) {
                    out.println("  " + f.priority() + " " + f.code() + (f.sku() == null ? "" : " [" + f.sku() + "]")
                            + " -> " + f.action());
                    out.println("     rule: \"" + f.rule() + "\"");
                    out.println("     " + f.message());
                    if (f.acknowledged()) {
                        out.println("     " + acknowledged(s.acks().holding(o.orderId(), f.code(), s.asOf()), time));
                    }
                }
            }
            if (!r.basket().isEmpty()) {
                out.println("basket:");
                for (LineResolution l : r.basket()) {
                    out.println("  " + l.sku() + " " + l.decision() + (l.substituteSku() == null ? "" : " -> " + l.substituteSku()));
                }
            }
            printUnusedAcknowledgements(out, s, r, time);
            Contact c = r.contact();
            out.println("contact: phone " + text(c.phone()) + ", whatsapp " + text(c.whatsapp())
                    + (o.recipientPhone() == null && c.recipientPhone() == null ? ""
                    : "; recipient phone " + text(c.recipientPhone()) + ", whatsapp " + text(c.recipientWhatsapp())));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static DateTimeFormatter timeFormat(ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT).withZone(zone);
    }

    /** {@code acknowledged until 2026-03-12 10:00:00 +03:00: customer pays on Friday}. */
    private static String acknowledged(Acknowledgement a, DateTimeFormatter time) {
        if (a == null) {
            return "acknowledged";
        }
        return "acknowledged " + (a.until() == null ? "with no end" : "until " + time.format(a.until()))
                + (a.note() == null ? "" : ": " + a.note());
    }

    /** The order's acknowledgements that acknowledged nothing: lapsed, or for a code the order does not have. */
    private static void printUnusedAcknowledgements(PrintWriter out, RunOptions.Setup s, TriageResult r, DateTimeFormatter time) {
        if (!s.acks().mentions(r.orderId())) {
            return;
        }
        Set<String> codes = new HashSet<>();
        r.findings().forEach(f -> codes.add(f.code()));
        List<String> unused = new ArrayList<>();
        for (Acknowledgement a : s.acks().all()) {
            if (!a.orderId().equals(r.orderId())) {
                continue;
            }
            String note = a.note() == null ? "" : " (" + a.note() + ")";
            if (!codes.contains(a.code())) {
                unused.add("  " + a.code() + ": the order has no such finding" + note);
            } else if (!a.holdsAt(s.asOf())) {
                unused.add("  " + a.code() + ": lapsed at " + time.format(a.until()) + note);
            }
        }
        if (!unused.isEmpty()) {
            out.println("acknowledgements that acknowledge nothing:");
            unused.forEach(out::println);
        }
    }

    private static void printOrder(PrintWriter out, String file, SourceOrder so, DateTimeFormatter f) {
        Order o = so.order();
        out.println("order " + o.orderId() + " as read from " + file + " line" + (so.rowLines().size() > 1 ? "s " : " ")
                + so.lines() + ":");
        out.println("  order_status " + o.orderStatus() + ", payment_status " + o.paymentStatus()
                + ", confirmation_status " + o.confirmationStatus() + ", age_verified " + o.ageVerified());
        out.println("  created_at " + time(f, o.createdAt()) + ", updated_at " + time(f, o.updatedAt())
                + ", estimated_delivery_at " + time(f, o.estimatedDeliveryAt()));
        out.println("  city " + text(o.city()) + ", store " + text(o.store()) + ", customer_phone " + text(o.customerPhone()));
        // part two (§11-§18): only the fields the order has, so that an order without them reads as before
        present(out, "fulfilment", o.fulfilment(), "status_changed_at", time(f, o.statusChangedAt()),
                "shipped_at", time(f, o.shippedAt()),
                "locality", o.locality() == null || o.locality().equals(o.city()) ? null : o.locality(),
                "arrived_at", time(f, o.arrivedAt()), "delivery_date", o.deliveryDate(),
                "pickup_checkin_at", time(f, o.pickupCheckinAt()));
        present(out, "recipient_name", o.recipientName(), "recipient_phone", o.recipientPhone());
        present(out, "cancel_reason", o.cancelReason(), "cancelled_by", o.cancelledBy());
        present(out, "paid_amount", o.paidAmount() == null ? null : o.paidAmount().toPlainString(),
                "discount", o.discount().signum() == 0 ? null : o.discount().toPlainString(), "promo", o.promo());
        if (o.lines().isEmpty()) {
            out.println("  no lines");
        }
        for (int i = 0; i < o.lines().size(); i++) {
            OrderLine l = o.lines().get(i);
            out.println("  line " + so.lineRows().get(i) + " " + l.sku() + ": qty " + l.qty() + ", unit_price " + (l.unitPrice() == null ? "-" : l.unitPrice().toPlainString())
                    + (l.lineGroup().isEmpty() ? "" : ", group " + l.lineGroup()) + (l.keyItem() ? ", key item" : "")
                    + (l.adultOnly() ? ", 18+" : "") + (l.available() ? ", available" : ", unavailable")
                    + (l.substituteSku() == null ? "" : ", substitute " + l.substituteSku()
                    + (l.substituteAvailable() ? " (available)" : " (unavailable)"))
                    + (l.comboId() == null ? "" : ", combo " + l.comboId()));
        }
    }

    private static String time(DateTimeFormatter f, Instant t) {
        return t == null ? "-" : f.format(t);
    }

    /** One line {@code "  name value, name value"} of the pairs whose value is present ({@code "-"} and null are not). */
    private static void present(PrintWriter out, Object... namesAndValues) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            if (v != null && !"-".equals(v)) {
                parts.add(namesAndValues[i] + " " + v);
            }
        }
        if (!parts.isEmpty()) {
            out.println("  " + String.join(", ", parts));
        }
    }

    private static String text(String s) {
        return s == null ? "-" : s;
    }
}
