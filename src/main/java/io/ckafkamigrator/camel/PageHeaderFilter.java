package io.ckafkamigrator.camel;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The HTTP routes' header filter, less its drop of {@code Cache-Control} from answers: the
 * dashboard page says {@code no-store}, so a browser never shows a page older than the jar.
 */
final class PageHeaderFilter extends HttpHeaderFilterStrategy {

    PageHeaderFilter() {
        getOutFilter().remove("cache-control");
    }
}
