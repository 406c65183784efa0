package io.ckafkamigrator.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A node of a parsed YAML document (maps, lists, scalars as snakeyaml-engine gives them), read by path. */
record YamlNode(Object value, String path) {

    /** The node under these keys; fails naming the path when one is missing. */
    YamlNode at(String... keys) {
        YamlNode node = this;
        for (String key : keys) {
            node = node.find(key).orElseThrow(() -> new AssertionError("no '" + key + "' under " + this.path));
        }
        return node;
    }

    Optional<YamlNode> find(String key) {
        if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new YamlNode(map.get(key), path + "." + key));
    }

    List<YamlNode> items() {
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(path + " is not a list: " + value);
        }
        return IntStream.range(0, list.size())
                .mapToObj(i -> new YamlNode(list.get(i), path + "[" + i + "]")).toList();
    }

    /** The item of this list whose {@code name} is the given one. */
    YamlNode named(String name) {
        return items().stream().filter(item -> item.find("name").map(YamlNode::text).orElse("").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no item named '" + name + "' in " + path));
    }

    String text() {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new AssertionError(path + " is not a scalar: " + value);
        }
        return String.valueOf(value);
    }

    int integer() {
        return Integer.parseInt(text());
    }

    /** The scalars of a map of strings, e.g. labels. */
    Map<String, String> strings() {
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(path + " is not a map: " + value);
        }
        return map.entrySet().stream().collect(Collectors.toMap(
                e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue())));
    }
}
