package com.stockcount.scaningest.reader;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a reader's body into its events, whatever framing the reader used: one JSON array (a
 * webhook batch), one object, several objects one after another (concatenated, or one per line as
 * an HTTP stream sends them). A syntax error inside an array spoils the body; between root values
 * it spoils only the value it is in: reading resumes on the next line.
 */
final class JsonEvents {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads one event from a parser positioned on its first token, consuming the whole value. */
    interface EventReader {
        void read(JsonParser parser, int index) throws IOException;
    }

    /**
     * One format's view of an event object, reused for every event of a body: the portal's hot path
     * builds no tree and no map per event.
     */
    interface EventObject {
        /** Reads the members that matter from the object the parser is on, replacing the previous event's. */
        void read(JsonParser parser) throws IOException;

        /** True for a tag read, valid or to be refused; false for any other kind of event. */
        boolean isTag();

        /** The tag read; throws {@link ImpinjEvents.RejectedEvent} with the reason when it must be refused. */
        TagRead tag();

        /** What a non-tag event is, for the count of acknowledged other events. */
        String otherKind();
    }

    /**
     * Reads a reader's body event by event: tag reads are taken or refused one by one, other events are
     * acknowledged and counted by kind, a value that is not an object (or not JSON) is refused alone.
     */
    static ReaderReport report(byte[] body, EventObject event) {
        List<TagRead> reads = new ArrayList<>();
        Map<String, Integer> others = new TreeMap<>();
        List<EventRejection> rejected = new ArrayList<>();
        each(body, (parser, index) -> {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                rejected.add(new EventRejection(index, "NOT_AN_OBJECT", "event " + index + " must be a JSON object"));
                return;
            }
            event.read(parser);
            if (event.isTag()) {
                try {
                    reads.add(event.tag());
                } catch (ImpinjEvents.RejectedEvent e) {
                    rejected.add(new EventRejection(index, e.reason, e.getMessage()));
                }
            } else {
                others.merge(event.otherKind(), 1, Integer::sum);
            }
        }, index -> rejected.add(new EventRejection(index, "MALFORMED_JSON", "event " + index + " is not valid JSON")));
        return new ReaderReport(reads, others, rejected);
    }

    /**
     * Streams the events to {@code reader} straight from the parser, without a tree per event (the hot
     * path of a portal: hundreds of events a body). {@code malformed} hears of a root value of a stream
     * that is not valid JSON; inside an array a syntax error spoils the body.
     */
    static void each(byte[] body, EventReader reader, java.util.function.IntConsumer malformed) {
        int start = skipWhitespace(body, 0);
        if (start == body.length) {
            throw new MalformedBodyException("the body is empty");
        }
        if (body[start] == '[') {
            array(body, start, reader);
        } else {
            stream(body, start, reader, malformed);
        }
    }

    private static void array(byte[] body, int from, EventReader reader) {
        try (JsonParser parser = MAPPER.getFactory().createParser(body, from, body.length - from)) {
            parser.nextToken();
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new MalformedBodyException("the body is not valid JSON: the array is not closed");
                }
                reader.read(parser, index++);
            }
        } catch (JsonParseException e) {
            throw new MalformedBodyException("the body is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static void stream(byte[] body, int from, EventReader reader, java.util.function.IntConsumer malformed) {
        int index = 0;
        int base = from;
        while (base < body.length) {
            try (JsonParser parser = MAPPER.getFactory().createParser(body, base, body.length - base)) {
                while (parser.nextToken() != null) {
                    // counted once read: an event broken half-way is reported under its own index
                    reader.read(parser, index);
                    index++;
                }
                return;
            } catch (JsonParseException e) {
                malformed.accept(index++);
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

    /**
     * The value the parser is on, as a node: strings and whole numbers directly (the common case, without
     * the ObjectMapper's per-call setup), anything else through the mapper.
     */
    static JsonNode value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> com.fasterxml.jackson.databind.node.TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    ? com.fasterxml.jackson.databind.node.IntNode.valueOf(parser.getIntValue())
                    : MAPPER.readTree(parser);
            default -> MAPPER.readTree(parser);
        };
    }

    /** The text of a scalar read by {@link #value}, or null when absent or JSON null. */
    static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
