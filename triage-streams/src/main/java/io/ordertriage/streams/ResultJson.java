package io.ordertriage.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertriage.model.Finding;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A triage result as the output topic's JSON, the object of rulebook §8 as the CLI's {@code jsonl}
 * writes it ({@code orderId, verdict, priority, normalCombination, findings, createdAt, basket,
 * contact}), and the fingerprint that decides whether a result changed.
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an order that was never in the queue is taken to have had: OK, no finding. */
    static final String NOTHING = "OK||";

    private ResultJson() {
    }

    /** The result as JSON bytes: {@link TriageResult#toJsonObject()}. */
    public static byte[] write(TriageResult r) {
        Map<String, Object> m = r.toJsonObject();
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What must change for a result to be emitted again: the verdict, the priority and the set of
     * findings (code, sku, priority, action, acknowledged), not the messages, which name how long
     * something has been waiting and change on every tick.
     */
    static String fingerprint(TriageResult r) {
        List<String> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            findings.add(f.code() + '/' + (f.sku() == null ? "" : f.sku()) + '/' + f.priority() + '/' + f.action()
                    + (f.acknowledged() ? "/ack" : ""));
        }
        findings.sort(null);
        return r.verdict() + "|" + (r.priority() == null ? "" : r.priority().name()) + "|" + String.join(",", findings);
    }

    static boolean isNothing(TriageResult r) {
        return r.verdict() == Verdict.OK && r.findings().isEmpty();
    }
}
