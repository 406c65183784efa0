package io.ckafkamigrator.bench;

/**
 * The four situations in which benchmarks 4 and 5 measure an ordered cutover, each with its
 * own app and topics ({@code bench-<letter>-<n>}). They differ in when the handoff can start:
 * at the cutover request (a, b), at the switch (c), or at the legacy consumer's commit that
 * reaches the drain target (d, and b when the request comes first).
 */
enum HandoffCase {

    /** The legacy group drained long before the request: the request alone starts the handoff. */
    LATE_REQUEST("a", "cutover requested 3 s after the switch answered, legacy group drained long before", false),
    /** The operator requests as soon as the switch answers; the legacy consumer had caught up. */
    PROMPT_REQUEST("b", "cutover requested as soon as the switch answered, legacy consumer caught up", false),
    /** Only the switch is requested: the topic hands over by itself. */
    AUTO_CUTOVER("c", "autoCutover=true, only the switch requested, legacy consumer caught up", true),
    /** The request comes first; the legacy consumer's commit that drains its backlog starts the handoff. */
    BACKLOG("d", "cutover requested while the legacy consumer has a backlog (sink held), then released", false);

    private final String letter;
    private final String description;
    private final boolean autoCutover;

    HandoffCase(String letter, String description, boolean autoCutover) {
        this.letter = letter;
        this.description = description;
        this.autoCutover = autoCutover;
    }

    String letter() {
        return letter;
    }

    String description() {
        return description;
    }

    boolean autoCutover() {
        return autoCutover;
    }

    String topic(int index) {
        return "bench-" + letter + "-" + index;
    }
}
