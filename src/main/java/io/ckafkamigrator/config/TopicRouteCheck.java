package io.ckafkamigrator.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ckafkamigrator.core.LegacyStartFrom;
import io.ckafkamigrator.core.Side;

/**
 * Checks that the route files instantiate the topic templates the way the migration control
 * relies on, before any route starts; each failure names the file(s) to fix:
 * <ol>
 *   <li>each templatedRoute of the three migrated-topic templates has non-blank topic names,
 *       groups, source and sink, the route id {@code <name>-<role>}, and a legacyStartFrom, if
 *       any, that is one of committed, earliest, latest;</li>
 *   <li>each topic has its producer and both consumer routes, once each, in one file, and they
 *       agree on the legacy and CKafka topic names;</li>
 *   <li>a topic's CKafka group differs from its legacy group (but with external consumers, which
 *       may keep their group id on CKafka), and no two topics share a group;</li>
 *   <li>{@code producers} and {@code consumers}, where given, are hosted or external; both consumer
 *       routes say the same; hosted consumers name their sink, external ones take no
 *       legacyStartFrom (the old service's group is its own: the app never commits for it).</li>
 * </ol>
 */
public final class TopicRouteCheck {

    /** The templates of routes/templates/migrated-topic.yaml and the role each gives: route id {@code <topic>-<role>}. */
    static final Map<String, String> ROLES = Map.of(
            "migrated-topic-producer", "producer",
            "migrated-topic-legacy-consumer", "legacy-consumer",
            "migrated-topic-ckafka-consumer", "ckafka-consumer");

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "producer", List.of("name", "source", "legacyTopic", "ckafkaTopic"),
            "legacy-consumer", List.of("name", "legacyTopic", "legacyGroup"),
            "ckafka-consumer", List.of("name", "ckafkaTopic", "ckafkaGroup"));
    /** The parameter that says who runs a role's side, and the roles that carry it. */
    private static final Map<String, String> SIDE_OF_ROLE = Map.of(
            "producer", "producers",
            "legacy-consumer", "consumers",
            "ckafka-consumer", "consumers");

    private TopicRouteCheck() {
    }

    /** A topic's name that is a path of the HTTP API ({@code /api/migrations/preflight}), so no topic may have it. */
    public static final String RESERVED_NAME = "preflight";

    /** The rules that need only one file (items 1 and 2, and a topic's own groups). */
    public static void checkFile(List<TopicRoute> routes) {
        Map<String, Map<String, TopicRoute>> topics = new LinkedHashMap<>();
        for (TopicRoute route : routes) {
            String role = ROLES.get(route.template());
            if (role == null && String.valueOf(route.template()).startsWith("migrated-topic")) {
                throw new ConfigException(route.file(), "the templatedRoute " + describe(route) + " refers to template '"
                        + route.template() + "', which does not exist; the templates are " + new TreeSet<>(ROLES.keySet()));
            }
            if (role == null) {
                continue;
            }
            for (String parameter : REQUIRED.get(role)) {
                if (route.parameter(parameter).isEmpty()) {
                    throw new ConfigException(route.file(), "the templatedRoute " + describe(route)
                            + " has no value for parameter '" + parameter + "'");
                }
            }
            checkSide(route, SIDE_OF_ROLE.get(role));
            String name = route.parameter("name").orElseThrow();
            if (RESERVED_NAME.equals(name)) {
                throw new ConfigException(route.file(), "topic name '" + name + "' is reserved: GET /api/migrations/"
                        + name + " is the preflight of every topic; give the topic another name (its legacyTopic and "
                        + "ckafkaTopic may still be '" + name + "')");
            }
            String expected = name + "-" + role;
            if (!expected.equals(route.routeId())) {
                throw new ConfigException(route.file(), "the templatedRoute of " + route.template() + " for topic '" + name
                        + "' has routeId '" + route.routeId() + "'; it must be '" + expected
                        + "' (route ids are <topic>-<role>: the migration control finds the routes by them)");
            }
            route.parameter("legacyStartFrom").filter(v -> !isStartFrom(v)).ifPresent(v -> {
                throw new ConfigException(route.file(), "the templatedRoute " + describe(route) + " has legacyStartFrom '"
                        + v + "'; it must be one of " + LegacyStartFrom.choices()
                        + " (committed, the default, refuses to start a group without offsets)");
            });
            if (topics.computeIfAbsent(name, n -> new LinkedHashMap<>()).putIfAbsent(role, route) != null) {
                throw new ConfigException(route.file(), "topic '" + name + "' has two " + role + " routes");
            }
        }
        topics.forEach(TopicRouteCheck::checkTopic);
    }

    /**
     * The side's parameter, where given, is hosted or external. Hosted consumers deliver to their
     * sink, so it must be named (the template's default only fills the routes of external ones,
     * which never start); external consumers' legacy group is the old service's own.
     */
    private static void checkSide(TopicRoute route, String parameter) {
        String value = route.parameter(parameter).orElse(Side.HOSTED.value());
        Side side;
        try {
            side = Side.parse(parameter, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(route.file(), "the templatedRoute " + describe(route) + " has " + parameter + " '"
                    + value + "'; it must be hosted (the app's routes, the default) or external (your own services)");
        }
        if (!parameter.equals("consumers")) {
            return;
        }
        if (side == Side.HOSTED && route.parameter("sink").isEmpty()) {
            throw new ConfigException(route.file(), "the templatedRoute " + describe(route)
                    + " has no value for parameter 'sink' (hosted consumers deliver to it; with your own consumer "
                    + "services, set consumers: external on both consumer routes instead)");
        }
        if (side == Side.EXTERNAL && route.parameter("legacyStartFrom").isPresent()) {
            throw new ConfigException(route.file(), "the templatedRoute " + describe(route) + " sets legacyStartFrom "
                    + "with consumers: external; the legacy group is your own service's, where it starts is its "
                    + "decision: remove legacyStartFrom");
        }
    }

    private static Side sideOf(TopicRoute route, String parameter) {
        return Side.parse(parameter, route.parameter(parameter).orElse(Side.HOSTED.value()));
    }

    private static boolean isStartFrom(String value) {
        try {
            LegacyStartFrom.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkTopic(String name, Map<String, TopicRoute> roles) {
        String file = roles.values().iterator().next().file();
        for (Map.Entry<String, String> template : new TreeMap<>(ROLES).entrySet()) {
            if (!roles.containsKey(template.getValue())) {
                throw new ConfigException(file, "topic '" + name + "' has no " + template.getValue() + " route: a topic "
                        + "file instantiates all three templates (migrated-topic-producer, -legacy-consumer, -ckafka-consumer)");
            }
        }
        TopicRoute producer = roles.get("producer");
        TopicRoute legacy = roles.get("legacy-consumer");
        TopicRoute ckafka = roles.get("ckafka-consumer");
        sameValue(name, "legacyTopic", producer, legacy);
        sameValue(name, "ckafkaTopic", producer, ckafka);
        if (sideOf(legacy, "consumers") != sideOf(ckafka, "consumers")) {
            throw new ConfigException(file, "topic '" + name + "' has consumers '" + sideOf(legacy, "consumers").value()
                    + "' in route '" + legacy.routeId() + "' but '" + sideOf(ckafka, "consumers").value() + "' in route '"
                    + ckafka.routeId() + "'; the consumer side is one: set the same on both");
        }
        String group = legacy.parameter("legacyGroup").orElseThrow();
        // The old application's consumers use the legacy group; moved to CKafka with their group
        // unchanged they would join the migrator's CKafka group and break its single consumer.
        // External consumers have no consumer of the app on CKafka: the new service may keep its
        // group id, as CKafka's guide does (only the bootstrap servers change).
        if (group.equals(ckafka.parameter("ckafkaGroup").orElseThrow()) && sideOf(legacy, "consumers") == Side.HOSTED) {
            throw new ConfigException(file, "topic '" + name + "' uses the group '" + group + "' as both legacyGroup and "
                    + "ckafkaGroup; give the CKafka group a name of its own (e.g. " + group + "-ckafka)");
        }
    }

    private static void sameValue(String name, String parameter, TopicRoute a, TopicRoute b) {
        String left = a.parameter(parameter).orElseThrow();
        String right = b.parameter(parameter).orElseThrow();
        if (!left.equals(right)) {
            throw new ConfigException(a.file(), "topic '" + name + "' has " + parameter + " '" + left + "' in route '"
                    + a.routeId() + "' but '" + right + "' in route '" + b.routeId() + "'");
        }
    }

    /** Every rule: each file on its own, then a topic defined in two files and groups shared by two topics. */
    public static void checkAll(List<TopicRoute> loaded) {
        // Camel loads the files in no set order: sorted, the same mistake gives the same line.
        List<TopicRoute> routes = loaded.stream().sorted(Comparator.comparing(TopicRoute::file)).toList();
        Map<String, List<TopicRoute>> byFile = new LinkedHashMap<>();
        routes.forEach(r -> byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
        byFile.values().forEach(TopicRouteCheck::checkFile);

        Map<String, TopicRoute> byTopic = new LinkedHashMap<>();
        Map<String, TopicRoute> legacyGroups = new LinkedHashMap<>();
        Map<String, TopicRoute> ckafkaGroups = new LinkedHashMap<>();
        for (TopicRoute route : routes) {
            String role = ROLES.get(route.template());
            if (role == null) {
                continue;
            }
            TopicRoute other = byTopic.putIfAbsent(route.parameter("name").orElseThrow(), route);
            if (other != null && !other.file().equals(route.file())) {
                throw new ConfigException(files(other, route), "both files define topic '"
                        + route.parameter("name").orElseThrow() + "'; a topic is one file");
            }
            if (role.equals("legacy-consumer")) {
                unique(legacyGroups, route, "legacyGroup", "legacy");
            } else if (role.equals("ckafka-consumer")) {
                unique(ckafkaGroups, route, "ckafkaGroup", "CKafka");
            }
        }
    }

    // A group shared by two topics: each consumer's join or leave rebalances the other topic, and
    // the ordered handoff, which needs the CKafka group empty, would wait for the other topic.
    private static void unique(Map<String, TopicRoute> groups, TopicRoute route, String parameter, String cluster) {
        String group = route.parameter(parameter).orElseThrow();
        TopicRoute other = groups.putIfAbsent(group, route);
        if (other != null) {
            throw new ConfigException(files(other, route), "topics '" + other.parameter("name").orElseThrow() + "' and '"
                    + route.parameter("name").orElseThrow() + "' share the " + cluster + " consumer group '" + group
                    + "'; each topic needs a group of its own");
        }
    }

    /** The names of the topics the routes define. */
    public static Set<String> topics(List<TopicRoute> routes) {
        Set<String> names = new TreeSet<>();
        routes.stream().filter(r -> ROLES.containsKey(r.template())).forEach(r -> r.parameter("name").ifPresent(names::add));
        return names;
    }

    private static String files(TopicRoute a, TopicRoute b) {
        return a.file().equals(b.file()) ? a.file() : a.file() + ", " + b.file();
    }

    private static String describe(TopicRoute route) {
        return route.routeId() != null ? "'" + route.routeId() + "'" : "of " + route.template();
    }
}
