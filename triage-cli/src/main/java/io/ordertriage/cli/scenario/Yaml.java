package io.ordertriage.cli.scenario;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as nodes that know their line, so that every complaint about a scenario names
 * where it is. SnakeYAML composes the nodes (no type conversion: a date, a number or a boolean
 * stays the text the author wrote, for the same readers as the CLI's input to parse).
 */
final class Yaml {
    private Yaml() {
    }

    /** A malformed scenario file: the file, the line and what is wrong. */
    static final class Malformed extends Exception {
        final String file;
        final int line;

        Malformed(String file, int line, String message) {
            super(file + (line > 0 ? ":" + line : "") + ": " + message, null, false, false);
            this.file = file;
            this.line = line;
        }
    }

    /** One node: a map, a list or a text, with its 1-based line. */
    record Value(String file, int line, Object content) {

        boolean isText() {
            return content instanceof String;
        }

        boolean isList() {
            return content instanceof List;
        }

        boolean isMap() {
            return content instanceof Map;
        }

        String text(String what) throws Malformed {
            if (!isText()) {
                throw fail(what + " must be a single value, not " + kind());
            }
            return (String) content;
        }

        @SuppressWarnings("unchecked")
        List<Value> list(String what) throws Malformed {
            if (!isList()) {
                throw fail(what + " must be a list, not " + kind());
            }
            return (List<Value>) content;
        }

        /** A list of texts; a single text is a list of one. */
        List<String> texts(String what) throws Malformed {
            if (isText()) {
                return List.of((String) content);
            }
            List<String> out = new ArrayList<>();
            for (Value v : list(what)) {
                out.add(v.text("each item of " + what));
            }
            return out;
        }

        /** The entries of a map whose keys must all be among {@code allowed}. */
        @SuppressWarnings("unchecked")
        Map<String, Value> map(String what, Collection<String> allowed) throws Malformed {
            if (!isMap()) {
                throw fail(what + " must be a map of keys to values, not " + kind());
            }
            Map<String, Value> m = (Map<String, Value>) content;
            if (allowed != null) {
                for (Map.Entry<String, Value> e : m.entrySet()) {
                    if (!allowed.contains(e.getKey())) {
                        throw e.getValue().failAtKey("unknown key \"" + e.getKey() + "\" in " + what + "; expected one of "
                                + String.join(", ", allowed));
                    }
                }
            }
            return m;
        }

        private Malformed failAtKey(String message) {
            return new Malformed(file, line, message);
        }

        String kind() {
            return isText() ? "a value" : isList() ? "a list" : "a map";
        }

        Malformed fail(String message) {
            return new Malformed(file, line, message);
        }
    }

    static Value load(Path path, String display) throws Malformed, IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Node root;
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = new org.yaml.snakeyaml.Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new Malformed(display, line, "not valid YAML: " + oneLine(e.getProblem()));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new Malformed(display, 0, "not valid YAML: " + oneLine(e.getMessage()));
        } catch (java.io.UncheckedIOException | java.nio.charset.MalformedInputException e) {
            throw new Malformed(display, 0, "not UTF-8 text: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            throw new Malformed(display, 0, "the file is empty; expected a scenario file (docs/rules.md)");
        }
        return convert(display, root);
    }

    private static Value convert(String file, Node node) throws Malformed {
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof ScalarNode s) {
            return new Value(file, line, s.getValue());
        }
        if (node instanceof SequenceNode s) {
            List<Value> items = new ArrayList<>();
            for (Node n : s.getValue()) {
                items.add(convert(file, n));
            }
            return new Value(file, line, List.copyOf(items));
        }
        if (node instanceof MappingNode m) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new Malformed(file, t.getKeyNode().getStartMark().getLine() + 1, "a key must be a plain name");
                }
                Value v = convert(file, t.getValueNode());
                // a key's line is where the author looks for it, also when its value is a nested block
                int keyLine = k.getStartMark().getLine() + 1;
                entries.put(k.getValue(), new Value(file, keyLine, v.content()));
            }
            return new Value(file, line, entries);
        }
        throw new Malformed(file, line, "a YAML node of a kind scenario files do not use");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
