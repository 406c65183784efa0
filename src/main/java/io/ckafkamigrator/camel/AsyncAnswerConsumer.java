package io.ckafkamigrator.camel;

import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * A platform-http consumer whose route may complete asynchronously without holding a Vert.x
 * worker thread for it.
 *
 * <p>Camel 4.18's {@link VertxPlatformHttpConsumer} runs the route inside
 * {@code vertx.executeBlocking} through the synchronous {@code Processor.process}, which waits
 * (in Camel's {@code AsyncProcessorAwaitManager}) until an asynchronous step has called back: a
 * waiting request would hold one of the worker pool's threads (20 by default) for all its wait.
 * Here the route starts on a worker as there (its first steps may block: a topic's lock, an admin
 * call), through the asynchronous {@code AsyncProcessor.process}, so the worker returns as soon
 * as a step goes asynchronous; the answer is written on the request's event loop once the route
 * has called back, from whichever thread that was. The unit of work, the route's error handler
 * and its onCompletion run as for any Camel exchange.
 *
 * <p>What differs from the stock consumer, for routes that take neither: no form fields or
 * uploads are read from the body (query parameters still become headers), and the answer is the
 * message's body as text, its {@code CamelHttpResponseCode}, its {@code Content-Type} and the
 * headers the endpoint's filter lets out (the JSON answers of routes/http-api.yaml). A suspended consumer or an HTTP
 * proxy endpoint is handled by the stock consumer.
 */
final class AsyncAnswerConsumer extends VertxPlatformHttpConsumer {

    AsyncAnswerConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                        String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended() || getEndpoint().isHttpProxy()) {
            super.handleRequest(ctx);
            return;
        }
        Vertx vertx = ctx.vertx();
        Context requestContext = vertx.getOrCreateContext();
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, ctx).onComplete(populated -> {
            if (populated.failed()) {
                fail(exchange, ctx, populated.cause());
                return;
            }
            vertx.executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> requestContext.runOnContext(v -> answer(exchange, ctx)));
                return null;
            }, false).onFailure(e -> fail(exchange, ctx, e));
        });
    }

    private void answer(Exchange exchange, RoutingContext ctx) {
        write(ctx, exchange, getEndpoint().getHeaderFilterStrategy()).onComplete(written -> {
            if (written.succeeded()) {
                complete(exchange);
            } else {
                fail(exchange, ctx, written.cause());
            }
        });
    }

    /** The route's answer: an exchange left failed (no route here leaves one) answers 500 without a body. */
    private static Future<Void> write(RoutingContext ctx, Exchange exchange, HeaderFilterStrategy filter) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return Future.succeededFuture();
        }
        if (exchange.getException() != null) {
            response.setStatusCode(500);
            return ctx.end();
        }
        Message message = exchange.getMessage();
        response.setStatusCode(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !filter.applyFilterToCamelHeaders(name, value, exchange)) {
                response.putHeader(name, value.toString());
            }
        });
        // The endpoint's filter keeps Content-Type back (the stock writer sets it apart): set here.
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        String body = message.getBody(String.class);
        return body == null ? ctx.end() : ctx.end(body);
    }

    /** As the stock consumer: reported, the request failed, the exchange completed. */
    private void fail(Exchange exchange, RoutingContext ctx, Throwable cause) {
        getExceptionHandler().handleException("Failed handling platform-http endpoint " + getEndpoint().getPath(), cause);
        ctx.fail(cause);
        if (getEndpoint().isHandleWriteResponseError() && cause != null) {
            Exception existing = exchange.getException();
            if (existing != null) {
                cause.addSuppressed(existing);
            }
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
            exchange.setException(cause);
        }
        complete(exchange);
    }

    private void complete(Exchange exchange) {
        doneUoW(exchange);
        releaseExchange(exchange, false);
    }
}
