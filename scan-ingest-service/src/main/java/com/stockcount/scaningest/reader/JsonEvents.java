package com.stockcount.scaningest.reader;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Splits a reader's body into its events, whatever framing the reader used: one JSON array (a
 * webhook batch), one object, several objects one after another (concatenated, or one per line as
 * an HTTP stream sends them). A syntax error inside an array spoils the body; between root values
 * it spoils only the value it is in: reading resumes on the next line.
 */
final class JsonEvents {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Calls back with each event and its index; a value that cannot be parsed is reported as {@code null}. */
    static void each(byte[] body, ObjIntConsumer<JsonNode> events) {
        int start = skipWhitespace(body, 0);
        if (start == body.length) {
            throw new MalformedBodyException("the body is empty");
        }
        if (body[start] == '[') {
            array(body, events);
        } else {
            stream(body, start, events);
        }
    }

    private static void array(byte[] body, ObjIntConsumer<JsonNode> events) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonParseException e) {
            throw new MalformedBodyException("the body is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("the body is not valid JSON: " + e.getMessage());
        }
        int index = 0;
        for (JsonNode event : root) {
            events.accept(event, index++);
        }
    }

    private static void stream(byte[] body, int from, ObjIntConsumer<JsonNode> events) {
        int index = 0;
        int base = from;
        while (base < body.length) {
            try (JsonParser parser = MAPPER.getFactory().createParser(body, base, body.length - base)) {
                while (parser.nextToken() != null) {
                    events.accept(MAPPER.readTree(parser), index++);
                }
                return;
            } catch (JsonParseException e) {
                events.accept(null, index++);
                base = nextLine(body, base + (int) e.getLocation().getByteOffset());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int nextLine(byte[] body, int from) {
        int i = Math.min(from, body.length);
        while (i < body.length && body[i] != '\n') {
            i++;
        }
        return skipWhitespace(body, i);
    }

    private static int skipWhitespace(byte[] body, int from) {
        int i = from;
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
