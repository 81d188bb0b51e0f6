package io.quantumsafe.audit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a rules file into {@link RuleDefinition}s, keeping each node's line and column so that every
 * error can say where it is. SnakeYAML's node API (it comes with Jackson's YAML module) is used
 * instead of a data binding because a binding forgets positions. Pure: text in, definitions out.
 */
public final class RuleFileParser {
    private RuleFileParser() {}

    static final int rulesPerFileMax = 1000;
    static final int testsPerRuleMax = 100;
    static final int eventsPerTestMax = 1000;
    static final int conditionCharsMax = 8192;
    static final int fileCharsMax = 4 << 20;
    static final int groupByFieldsMax = 4;
    /** Timestamps kept per key: a threshold needs that many, so it bounds window memory. */
    static final int thresholdMax = 10_000;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> KEYS = Set.of("id", "description", "condition", "severity", "tags", "group_by", "window",
            "threshold", "suppress_for", "enabled", "tests");

    public record Result(List<RuleDefinition> rules, List<RuleError> errors) {}

    public static Result parse(String source, String text) {
        List<RuleError> errors = new ArrayList<>();
        List<RuleDefinition> rules = new ArrayList<>();
        if (text.length() > fileCharsMax) {
            errors.add(new RuleError(source, null, 1, 1, "file is larger than " + fileCharsMax + " characters"));
            return new Result(rules, errors);
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit(fileCharsMax);
            root = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new DumperOptions()),
                    new DumperOptions(), options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            errors.add(new RuleError(source, null, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem()));
            return new Result(rules, errors);
        } catch (YAMLException e) {
            errors.add(new RuleError(source, null, 1, 1, "not valid YAML: " + e.getMessage()));
            return new Result(rules, errors);
        }
        Node list = root instanceof MappingNode mapping ? entries(source, null, mapping, errors).get("rules") : null;
        if (!(list instanceof SequenceNode sequence)) {
            errors.add(at(source, null, root == null ? null : (list == null ? root : list),
                    "expected a mapping with a 'rules:' list"));
            return new Result(rules, errors);
        }
        if (sequence.getValue().size() > rulesPerFileMax) {
            errors.add(at(source, null, sequence, "more than " + rulesPerFileMax + " rules in one file"));
            return new Result(rules, errors);
        }
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (Node item : sequence.getValue()) {
            RuleDefinition rule = rule(source, item, lines, errors);
            if (rule == null) continue;
            if (!ids.add(rule.id())) {
                errors.add(at(source, rule.id(), item, "duplicate rule id"));
                continue;
            }
            rules.add(rule);
        }
        return new Result(rules, errors);
    }

    private static RuleDefinition rule(String source, Node item, String[] lines, List<RuleError> errors) {
        if (!(item instanceof MappingNode mapping)) {
            errors.add(at(source, null, item, "a rule must be a mapping with id and condition"));
            return null;
        }
        int before = errors.size();
        Map<String, Node> fields = entries(source, null, mapping, errors);
        String id = scalar(fields.get("id"));
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(at(source, null, fields.getOrDefault("id", item),
                    "id is required: lower-case letters, digits, '.', '_' or '-', at most 64 characters"));
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key != null && !KEYS.contains(key)) {
                errors.add(at(source, id, tuple.getKeyNode(), "unknown key '" + key + "'; known: " + new java.util.TreeSet<>(KEYS)));
            }
        }
        Node conditionNode = fields.get("condition");
        String condition = scalar(conditionNode);
        if (condition == null || condition.isBlank()) {
            errors.add(at(source, id, conditionNode == null ? item : conditionNode, "condition is required (a CEL expression)"));
        } else if (condition.length() > conditionCharsMax) {
            errors.add(at(source, id, conditionNode, "condition longer than " + conditionCharsMax + " characters"));
        }
        Severity severity = Severity.MEDIUM;
        try {
            if (fields.containsKey("severity")) severity = Severity.parse(text(fields.get("severity")));
        } catch (IllegalArgumentException e) {
            errors.add(at(source, id, fields.get("severity"), e.getMessage()));
        }
        List<String> tags = strings(source, id, fields.get("tags"), "tags", 32, errors);
        List<String> groupBy = strings(source, id, fields.get("group_by"), "group_by", groupByFieldsMax, errors);
        Duration window = duration(source, id, fields.get("window"), "window", errors);
        Duration suppress = duration(source, id, fields.get("suppress_for"), "suppress_for", errors);
        int threshold = integer(source, id, fields.get("threshold"), "threshold", 1, thresholdMax, 1, errors);
        if (threshold > 1 && window.isZero()) errors.add(at(source, id, fields.get("threshold"), "threshold above 1 needs a window"));
        boolean enabled = bool(source, id, fields.get("enabled"), "enabled", true, errors);
        List<RuleDefinition.Test> tests = tests(source, id, fields.get("tests"), errors);
        if (errors.size() > before) return null;
        RuleDefinition.Location location = location(source, item, conditionNode, lines);
        return new RuleDefinition(id, text(fields.get("description")), condition, severity, tags, groupBy, window, threshold,
                suppress, enabled, tests, location);
    }

    private static RuleDefinition.Location location(String source, Node item, Node condition, String[] lines) {
        ScalarNode scalar = (ScalarNode) condition;
        DumperOptions.ScalarStyle style = scalar.getScalarStyle();
        boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
        int quote = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED ? 1 : 0;
        int line = scalar.getStartMark().getLine() + 1;
        int column = scalar.getStartMark().getColumn() + 1 + quote;
        if (block) {
            // A block scalar's mark is its '|' or '>' indicator; the text starts on the next line at the
            // block's indentation, which SnakeYAML does not report, so it is read from that line.
            line = line + 1;
            String first = line - 1 < lines.length ? lines[line - 1] : "";
            int indent = 0;
            while (indent < first.length() && first.charAt(indent) == ' ') indent++;
            column = indent + 1;
        }
        return new RuleDefinition.Location(source, item.getStartMark().getLine() + 1, item.getStartMark().getColumn() + 1,
                line, column, block);
    }

    private static List<RuleDefinition.Test> tests(String source, String id, Node node, List<RuleError> errors) {
        if (node == null) return List.of();
        if (!(node instanceof SequenceNode sequence)) {
            errors.add(at(source, id, node, "tests must be a list"));
            return List.of();
        }
        if (sequence.getValue().size() > testsPerRuleMax) errors.add(at(source, id, node, "more than " + testsPerRuleMax + " tests"));
        List<RuleDefinition.Test> tests = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode mapping)) {
                errors.add(at(source, id, item, "a test must be a mapping with events and fires"));
                continue;
            }
            Map<String, Node> fields = entries(source, id, mapping, errors);
            String name = scalar(fields.get("name"));
            Node events = fields.containsKey("events") ? fields.get("events") : fields.get("event");
            List<ObjectNode> list = new ArrayList<>();
            if (events instanceof MappingNode single) list.add((ObjectNode) json(single));
            else if (events instanceof SequenceNode many && many.getValue().size() <= eventsPerTestMax) {
                for (Node event : many.getValue()) {
                    if (event instanceof MappingNode map) list.add((ObjectNode) json(map));
                    else errors.add(at(source, id, event, "a test event must be a mapping"));
                }
            } else {
                errors.add(at(source, id, events == null ? item : events,
                        "a test needs 'event' (a mapping) or 'events' (a list of at most " + eventsPerTestMax + ")"));
            }
            if (!fields.containsKey("fires")) errors.add(at(source, id, item, "a test needs 'fires: true' or 'fires: false'"));
            boolean fires = bool(source, id, fields.get("fires"), "fires", false, errors);
            tests.add(new RuleDefinition.Test(name == null ? "test " + (tests.size() + 1) : name, list, fires,
                    item.getStartMark().getLine() + 1));
        }
        return tests;
    }

    // ---------------------------------------------------------------- scalars

    private static Map<String, Node> entries(String source, String id, MappingNode mapping, List<RuleError> errors) {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key == null) {
                errors.add(at(source, id, tuple.getKeyNode(), "keys must be plain text"));
            } else if (entries.put(key, tuple.getValueNode()) != null) {
                errors.add(at(source, id, tuple.getKeyNode(), "duplicate key '" + key + "'"));
            }
        }
        return entries;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag() != Tag.NULL ? scalar.getValue() : null;
    }

    private static String text(Node node) {
        String value = scalar(node);
        return value == null ? "" : value;
    }

    private static List<String> strings(String source, String id, Node node, String key, int max, List<RuleError> errors) {
        if (node == null) return List.of();
        if (node instanceof ScalarNode) return List.of(text(node));
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().size() > max) {
            errors.add(at(source, id, node, key + " must be a text or a list of at most " + max + " texts"));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String value = scalar(item);
            if (value == null) errors.add(at(source, id, item, key + " entries must be texts"));
            else values.add(value);
        }
        return List.copyOf(values);
    }

    private static Duration duration(String source, String id, Node node, String key, List<RuleError> errors) {
        if (node == null) return Duration.ZERO;
        try {
            Duration value = Durations.parse(text(node));
            if (value.isNegative() || value.compareTo(Duration.ofDays(31)) > 0) {
                throw new IllegalArgumentException("must be between 0 and 31 days");
            }
            return value;
        } catch (IllegalArgumentException e) {
            errors.add(at(source, id, node, key + " " + e.getMessage()));
            return Duration.ZERO;
        }
    }

    private static int integer(String source, String id, Node node, String key, int min, int max, int fallback,
                               List<RuleError> errors) {
        if (node == null) return fallback;
        try {
            int value = Integer.parseInt(text(node).strip());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            errors.add(at(source, id, node, key + " must be an integer from " + min + " to " + max));
            return fallback;
        }
    }

    private static boolean bool(String source, String id, Node node, String key, boolean fallback, List<RuleError> errors) {
        if (node == null) return fallback;
        String value = text(node).strip();
        if (value.equals("true")) return true;
        if (value.equals("false")) return false;
        errors.add(at(source, id, node, key + " must be true or false"));
        return fallback;
    }

    private static RuleError at(String source, String id, Node node, String message) {
        if (node == null) return new RuleError(source, id, 1, 1, message);
        return new RuleError(source, id, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, message);
    }

    /** A YAML mapping as JSON, for test events: scalars keep the type YAML resolved (timestamps stay text). */
    static JsonNode json(Node node) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (node instanceof MappingNode mapping) {
            ObjectNode object = factory.objectNode();
            for (NodeTuple tuple : mapping.getValue()) object.set(text(tuple.getKeyNode()), json(tuple.getValueNode()));
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = factory.arrayNode();
            for (Node item : sequence.getValue()) array.add(json(item));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) return factory.nullNode();
            if (tag.equals(Tag.BOOL)) return factory.booleanNode(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
            if (tag.equals(Tag.INT)) return factory.numberNode(new BigInteger(value.replace("_", "")).longValueExact());
            if (tag.equals(Tag.FLOAT)) return factory.numberNode(Double.parseDouble(value.replace("_", "")));
        } catch (ArithmeticException | NumberFormatException e) {
            return factory.textNode(value);
        }
        return factory.textNode(value);
    }
}
