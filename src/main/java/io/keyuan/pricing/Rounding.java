package io.keyuan.pricing;

/**
 * How a rule's computed unit price is rounded (HALF_UP): to the cent (0.01), the dime (0.1), the whole yuan, or
 * to the nearest price ending in .9 / .99 (never below 0). The minimum-margin guard is applied after rounding and
 * rounds up, so rounding never takes a price under the guard.
 */
public enum Rounding {
    CENT,
    DIME,
    YUAN,
    END_9,
    END_99
}
