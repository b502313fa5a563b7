package io.keyuan.customer;

/** A customer as pickers and links show one. */
public record CustomerRef(long id, String code, String name) {
    public String label() {
        return name + " (" + code + ")";
    }
}
