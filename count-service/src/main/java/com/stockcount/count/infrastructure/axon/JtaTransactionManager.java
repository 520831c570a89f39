package com.stockcount.count.infrastructure.axon;

import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's units of work on Narayana: a unit of work joins the caller's JTA transaction when there is
 * one (so a command, its events, the read model and a consumer's processed-event row commit together)
 * and otherwise runs in its own. The Agroal datasource enlists its connections in that transaction.
 */
final class JtaTransactionManager implements TransactionManager {

    private final jakarta.transaction.TransactionManager jta;

    JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return joined();
            }
            jta.begin();
            return owned();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a JTA transaction", e);
        }
    }

    /**
     * Runs {@code action} once the current JTA transaction has committed (not at all if it rolls back), or now when
     * there is none. Axon's own "after commit" of a unit of work that joined the caller's transaction comes before
     * that transaction commits.
     */
    void afterCommit(Runnable action) {
        try {
            int status = jta.getStatus();
            if (status == Status.STATUS_NO_TRANSACTION) {
                action.run();
            } else if (status == Status.STATUS_ACTIVE) {
                jta.getTransaction().registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        // nothing to do before
                    }

                    @Override
                    public void afterCompletion(int outcome) {
                        if (outcome == Status.STATUS_COMMITTED) {
                            action.run();
                        }
                    }
                });
            }
        } catch (SystemException | RollbackException e) {
            throw new IllegalStateException("cannot follow the JTA transaction", e);
        }
    }

    /** The caller owns the transaction: it commits; a failure here only marks it for rollback. */
    private Transaction joined() {
        return new Transaction() {
            @Override
            public void commit() {
                // the owner of the transaction commits it
            }

            @Override
            public void rollback() {
                try {
                    jta.setRollbackOnly();
                } catch (SystemException | IllegalStateException e) {
                    throw new IllegalStateException("cannot mark the JTA transaction for rollback", e);
                }
            }
        };
    }

    private Transaction owned() {
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    jta.commit();
                } catch (Exception e) {
                    throw new IllegalStateException("JTA commit failed", e);
                }
            }

            @Override
            public void rollback() {
                try {
                    jta.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException("JTA rollback failed", e);
                }
            }
        };
    }
}
