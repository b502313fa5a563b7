package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Component;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageRow;

/** Template names show in the user's language through their message key; names users typed show as typed. */
final class StageLabels {
    private StageLabels() {}

    static String stage(Component c, StageRow s) {
        return s == null ? "" : s.nameKey() == null ? s.name() : c.getTranslation(s.nameKey());
    }

    static String pipeline(Component c, PipelineSummary p) {
        if (p == null) {
            return "";
        }
        String name = p.nameKey() == null ? p.name() : c.getTranslation(p.nameKey());
        return p.template() ? c.getTranslation("pipeline.template.label", name) : name;
    }
}
