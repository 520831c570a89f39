package com.stockcount.reconciliation.report;

import com.stockcount.platform.rest.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Every line of a report as RFC 4180 CSV, fetched and written a page at a time: a 100,000-line
 * session streams out without ever being held in memory.
 */
public final class ReconciliationCsv {

    /** One page of lines after a cursor; empty when the session or count is unknown. */
    @FunctionalInterface
    public interface Pages {
        Optional<Page<ReconciliationLine>> after(String cursor, int limit) throws SQLException;
    }

    private static final int PAGE = Page.MAX_LIMIT;

    private ReconciliationCsv() {
    }

    public static void write(Pages pages, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        row(w, ReconciliationLine.CSV_HEADER);
        String cursor = null;
        try {
            do {
                Page<ReconciliationLine> page = pages.after(cursor, PAGE).orElseThrow();
                for (ReconciliationLine line : page.items()) {
                    row(w, line.csvValues());
                }
                cursor = page.next();
            } while (cursor != null);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("reading the report failed", e));
        }
        w.flush();
    }

    private static void row(Writer w, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(values[i]));
        }
        w.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
