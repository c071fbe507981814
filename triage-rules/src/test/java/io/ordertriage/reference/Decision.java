package io.ordertriage.reference;

import io.ordertriage.model.Action;
import io.ordertriage.model.Contact;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * What two implementations of the rulebook must agree on for one order: verdict, priority, normal
 * combination, every finding's code, priority, action, sku and acknowledgement (§18) in order, the
 * basket, and the contact (§17). Rule names and messages are each implementation's own.
 */
public record Decision(String orderId, Verdict verdict, Priority priority, String normalCombination,
                       List<FindingKey> findings, List<LineResolution> basket, Contact contact) {

    /** The compared part of a finding. */
    public record FindingKey(String code, Priority priority, Action action, String sku, boolean acknowledged) {
    }

    public static Decision of(TriageResult r) {
        List<FindingKey> fs = new ArrayList<>(r.findings().size());
        for (Finding f : r.findings()) {
            fs.add(new FindingKey(f.code(), f.priority(), f.action(), f.sku(), f.acknowledged()));
        }
        return new Decision(r.orderId(), r.verdict(), r.priority(), r.normalCombination(), List.copyOf(fs), r.basket(),
                r.contact());
    }

    /** Null when {@code actual} agrees with {@code expected} order by order, else a description of the first difference. */
    public static String firstDifference(List<TriageResult> expected, List<TriageResult> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " results, got " + actual.size();
        }
        for (int i = 0; i < expected.size(); i++) {
            Decision e = of(expected.get(i));
            Decision a = of(actual.get(i));
            if (!e.equals(a)) {
                return "order " + i + ": expected " + e + " but got " + a;
            }
        }
        return null;
    }
}
