package io.ckafkamigrator.camel;

import java.util.Map;

import io.ckafkamigrator.core.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The JSON answer of every HTTP route: a body with its status, and no request header left in it. */
final class JsonAnswer {

    private JsonAnswer() {
    }

    static void write(Exchange exchange, int code, Map<String, ?> body) {
        write(exchange, code, Json.object(body));
    }

    /** @param json an answer already written as JSON */
    static void write(Exchange exchange, int code, String json) {
        write(exchange, code, json, "application/json");
    }

    /** @param contentType a JSON media type: the bridges answer {@code application/vnd.kafka.v2+json} */
    static void write(Exchange exchange, int code, Map<String, ?> body, String contentType) {
        write(exchange, code, Json.object(body), contentType);
    }

    private static void write(Exchange exchange, int code, String json, String contentType) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(json);
    }
}
