package com.stockcount.inventory;

import com.stockcount.platform.rest.Page;
import java.util.List;
import java.util.function.Function;

/** Keyset paging: every list query reads {@code limit + 1} rows past the cursor to know if a next page exists. */
public final class Pages {

    private Pages() {
    }

    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }
}
