package io.ckafkamigrator.core;

/**
 * A topic cannot start safely as configured or as saved: the clusters, the route file and the
 * saved state disagree. Reported as one start-up line that names {@link #source} (the file or
 * state to fix); nothing was started or changed.
 */
public final class StartRefusedException extends RuntimeException {

    private final String source;
    private final String problem;

    public StartRefusedException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    /** The file or state at fault, as the operator names it. */
    public String source() {
        return source;
    }

    /** What is wrong and what to do, without the source. */
    public String problem() {
        return problem;
    }
}
