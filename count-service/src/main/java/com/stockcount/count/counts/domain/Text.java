package com.stockcount.count.counts.domain;

/** Argument checks shared by the compact constructors of commands and events. */
public final class Text {

    private Text() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** A blank optional text is the same as an absent one. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }
}
