package com.stockcount.reconciliation.session;

/**
 * A SessionCompleted arrived before all the parts it announces: the publisher broke the contract
 * (parts precede their completion on the same partition), and no retry can repair that.
 */
public class IncompleteSessionResult extends RuntimeException {

    public IncompleteSessionResult(String message) {
        super(message);
    }
}
