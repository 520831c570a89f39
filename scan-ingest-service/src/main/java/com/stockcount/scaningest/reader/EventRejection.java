package com.stockcount.scaningest.reader;

/**
 * An event of a reader's body that was not taken; the events beside it were.
 *
 * @param index  position of the event in the body (array element, line or concatenated object), from 0
 * @param reason stable code: {@code MALFORMED_JSON}, {@code MISSING_EPC}, {@code INVALID_EPC}, {@code INVALID_TIMESTAMP},
 *               {@code INVALID_ANTENNA}, {@code CONFLICTING_EPC}, {@code NOT_AN_OBJECT}
 * @param detail what is wrong, naming the field
 */
public record EventRejection(int index, String reason, String detail) {
}
