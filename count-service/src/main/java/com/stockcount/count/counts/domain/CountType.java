package com.stockcount.count.counts.domain;

/** DIRECTED: a list of what to count. HARD: blind, count everything found. */
public enum CountType {
    HARD,
    DIRECTED
}
