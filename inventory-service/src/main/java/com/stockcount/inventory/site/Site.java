package com.stockcount.inventory.site;

/** A warehouse or a store, identified by its code. */
public record Site(String code, String name) {
}
