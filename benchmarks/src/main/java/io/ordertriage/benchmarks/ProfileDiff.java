package io.ordertriage.benchmarks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two {@link ProfileLoop} recordings: for every method, the CPU samples whose stack holds
 * it (inlined frames count), per million orders classified while recording, in each recording and
 * their difference, largest difference first. Lambdas of the rules are grouped by their rule
 * package ({@code rules.money.*}), so a pack's constraints and consequences show as one line.
 * {@code self} counts only the top frame of each sample instead.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ordertriage.benchmarks.ProfileDiff \
 *     all.jfr ORDERS one.jfr ORDERS [self] [LINES]</pre>
 *
 * (ORDERS: what ProfileLoop printed as classified while recording.)
 */
public final class ProfileDiff {
    private ProfileDiff() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: ProfileDiff A.jfr ORDERS_A B.jfr ORDERS_B [self] [LINES]");
            System.exit(2);
        }
        boolean self = false;
        int lines = 40;
        for (int i = 4; i < args.length; i++) {
            if (args[i].equals("self")) {
                self = true;
            } else {
                lines = Integer.parseInt(args[i]);
            }
        }
        double perMillionA = 1e6 / Double.parseDouble(args[1]);
        double perMillionB = 1e6 / Double.parseDouble(args[3]);
        Map<String, Long> a = samples(Path.of(args[0]), self);
        Map<String, Long> b = samples(Path.of(args[2]), self);
        Set<String> methods = new HashSet<>(a.keySet());
        methods.addAll(b.keySet());
        List<String> sorted = new ArrayList<>(methods);
        sorted.sort(Comparator.comparingDouble((String m) ->
                a.getOrDefault(m, 0L) * perMillionA - b.getOrDefault(m, 0L) * perMillionB).reversed());
        System.out.printf("%10s %10s %10s  samples per million orders%n", args[0], args[2], "difference");
        for (String m : sorted.subList(0, Math.min(lines, sorted.size()))) {
            double x = a.getOrDefault(m, 0L) * perMillionA;
            double y = b.getOrDefault(m, 0L) * perMillionB;
            System.out.printf("%10.0f %10.0f %+10.0f  %s%n", x, y, x - y, m);
        }
    }

    /** Samples of the classifying thread (its stack holds ProfileLoop) per method, and TOTAL. */
    private static Map<String, Long> samples(Path file, boolean self) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.stream().noneMatch(f -> f.getMethod().getType().getName().equals(ProfileLoop.class.getName()))) {
                continue;
            }
            counts.merge("TOTAL", 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < (self ? 1 : frames.size()); i++) {
                String name = name(frames.get(i));
                if (seen.add(name)) {
                    counts.merge(name, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("io.ordertriage.rules.")) {
            int end = type.indexOf('.', "io.ordertriage.rules.".length());
            type = end < 0 ? type : type.substring(0, end) + ".*";
        }
        return type.replace("org.drools.", "").replace("io.ordertriage.", "") + "." + frame.getMethod().getName();
    }
}
