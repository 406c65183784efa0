package io.ckafkamigrator.core;

/**
 * Calls the hook routes ({@link Hook}) of the topic files.
 *
 * <ol>
 *   <li>{@link #defined} answers from the routes the app started with: a hook route is defined
 *       in a topic file and never appears or goes while the app runs.</li>
 *   <li>{@link #call} returns once the route has processed the call, and throws if it failed
 *       (its endpoint refused, an HTTP call answered an error): the caller retries it.</li>
 *   <li>Both are safe from any thread; {@link #call} blocks that thread for the route's run.</li>
 * </ol>
 */
public interface Hooks {

    /** No hook routes at all. */
    Hooks NONE = new Hooks() {
        @Override
        public boolean defined(String routeId) {
            return false;
        }

        @Override
        public void call(String routeId, HookCall call) {
            throw new IllegalStateException("no hook route '" + routeId + "'");
        }
    };

    boolean defined(String routeId);

    void call(String routeId, HookCall call) throws Exception;
}
