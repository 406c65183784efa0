package io.ckafkamigrator.camel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code topics} parameter of a batch request: {@code a,b,c}, or {@code *} for every
 * configured topic. A malformed list (missing, an empty entry, a name no topic can have, a
 * topic named twice, {@code *} beside names) is refused with {@code 400 bad_parameter} before
 * any topic is touched. A well-formed name that no route file defines is not refused here: that
 * topic answers {@code 404 unknown_topic} in its own result, as its single request would.
 */
final class BatchTopics {

    static final String ALL = "*";

    private BatchTopics() {
    }

    /**
     * @param header     the {@code topics} query parameter (a list when repeated)
     * @param configured every configured topic, in route-file order; asked only for {@code *}
     * @return the topics of the batch, in the order given
     */
    static List<String> parse(Object header, Supplier<List<String>> configured) {
        List<String> entries = QueryList.entries(header);
        if (entries == null) {
            throw problem("topics is required: comma-separated topic names, or * for every configured topic");
        }
        if (entries.equals(List.of(ALL))) {
            return List.copyOf(configured.get());
        }
        Set<String> seen = new HashSet<>();
        for (String name : entries) {
            if (name.isEmpty()) {
                throw problem("topics has an empty name (a comma too many, or no name at all)");
            }
            if (name.equals(ALL)) {
                throw problem("* stands for every configured topic and goes alone, not beside names");
            }
            if (!MigrationApi.TOPIC_NAME.matcher(name).matches()) {
                throw problem(QueryList.quoted(name) + " in topics is not a topic name (1 to 249 letters, digits, "
                        + "'.', '_' or '-')");
            }
            if (!seen.add(name)) {
                throw problem("topics names " + QueryList.quoted(name) + " more than once");
            }
        }
        return List.copyOf(entries);
    }

    private static HttpProblem problem(String message) {
        return new HttpProblem(400, "bad_parameter", message);
    }
}
