package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;

/**
 * A section that another module adds to a record's page, so that a page can show what later modules know about its
 * record (the customer page shows the customer's segments) without its own module depending on them. Register an
 * implementation as a Spring bean; the page asks every bean for its {@link #page()}.
 */
public interface RecordSection {
    /** The page the section belongs on, e.g. {@link #CUSTOMER}. */
    String CUSTOMER = "customer";

    String page();

    /** Sections show in ascending order after the page's own content. */
    default int order() {
        return 100;
    }

    /** A new component showing the record; null when there is nothing to show. */
    Component create(long recordId);
}
