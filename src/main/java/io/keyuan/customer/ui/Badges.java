package io.keyuan.customer.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import io.keyuan.customer.Lifecycle;
import io.keyuan.customer.ValueLevel;
import io.keyuan.shared.ui.EnumLabels;

final class Badges {
    private Badges() {}

    static Span lifecycle(Component owner, Lifecycle l) {
        Span s = new Span(EnumLabels.label(owner, l));
        s.addClassNames("keyuan-badge", "lifecycle-" + l.name().toLowerCase());
        return s;
    }

    static Span value(Component owner, ValueLevel v) {
        Span s = new Span(EnumLabels.label(owner, v));
        s.addClassNames("keyuan-badge", "value-" + v.name().toLowerCase());
        return s;
    }
}
