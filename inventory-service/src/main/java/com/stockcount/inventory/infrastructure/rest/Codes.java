package com.stockcount.inventory.infrastructure.rest;

/** Codes and SKUs travel inside {@code QuantKey.asString()} ({@code site/bin/sku/lot}) and in URL paths. */
final class Codes {

    static final String PATTERN = "[^/\\s]+";
    static final String MESSAGE = "must not contain '/' or whitespace";

    private Codes() {
    }
}
