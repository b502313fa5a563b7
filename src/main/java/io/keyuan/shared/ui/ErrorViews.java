package io.keyuan.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The body shared by the error pages: a title, one sentence, and a way back. */
final class ErrorViews {
    private ErrorViews() {}

    static void fill(VerticalLayout page, String id, String titleKey, String textKey) {
        page.setId(id);
        page.setSizeFull();
        page.setAlignItems(VerticalLayout.Alignment.CENTER);
        page.setJustifyContentMode(VerticalLayout.JustifyContentMode.CENTER);
        page.removeAll();
        H2 title = new H2(page.getTranslation(titleKey));
        Paragraph text = new Paragraph(page.getTranslation(textKey));
        Anchor home = new Anchor("", page.getTranslation("error.back-home"));
        home.setId("error-home");
        page.add(title, text, home);
    }
}
