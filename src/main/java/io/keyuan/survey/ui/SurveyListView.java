package io.keyuan.survey.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.survey.SurveyRow;
import io.keyuan.survey.SurveyService;
import jakarta.annotation.security.RolesAllowed;

/**
 * The surveys managers design: code, name, status, questions, how many campaigns use each and how many responses
 * it has (a survey with responses is frozen). A click, or Space then Enter, opens the designer; Alt+N starts a new survey.
 */
@Route("surveys")
@Menu(title = "survey.nav.surveys", order = 70, icon = "vaadin:clipboard-check")
@RolesAllowed(Roles.MANAGER)
public class SurveyListView extends VerticalLayout implements HasDynamicTitle {
    private final SurveyService surveys;
    final Grid<SurveyRow> grid = new Grid<>();
    final Button create = new Button();

    public SurveyListView(SurveyService surveys) {
        this.surveys = surveys;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        create.setText(getTranslation("survey.list.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("survey-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        create.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("surveys/new")));
        HorizontalLayout toolbar = new HorizontalLayout(create);
        toolbar.addClassName("keyuan-toolbar");

        grid.setId("survey-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("survey.list.empty"));
        grid.addColumn(SurveyRow::code)
                .setHeader(getTranslation("survey.field.code"))
                .setAutoWidth(true);
        grid.addColumn(SurveyRow::name)
                .setHeader(getTranslation("survey.field.name"))
                .setFlexGrow(1);
        grid.addColumn(s -> EnumLabels.label(this, s.status()))
                .setHeader(getTranslation("survey.field.status"))
                .setAutoWidth(true);
        grid.addColumn(SurveyRow::questions)
                .setHeader(getTranslation("survey.list.questions"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(SurveyRow::campaigns)
                .setHeader(getTranslation("survey.list.campaigns"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(s -> Formats.number(s.responses(), getLocale()))
                .setHeader(getTranslation("survey.list.responses"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(s -> s.frozen() ? getTranslation("survey.list.frozen") : "")
                .setHeader(getTranslation("survey.list.frozen-header"))
                .setAutoWidth(true);
        grid.addColumn(s -> Formats.dateTime(s.updatedAt()))
                .setHeader(getTranslation("survey.list.updated"))
                .setAutoWidth(true);
        grid.addItemClickListener(e -> open(e.getItem()));
        // Space selects the focused row (the grid's own key), Enter opens it
        com.vaadin.flow.component.Shortcuts.addShortcutListener(
                        grid, () -> grid.asSingleSelect().getOptionalValue().ifPresent(this::open), Key.ENTER)
                .listenOn(grid);
        add(toolbar, grid);
        grid.setItems(surveys.list());
    }

    private void open(SurveyRow s) {
        getUI().ifPresent(ui -> ui.navigate("surveys/" + s.id()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("survey.nav.surveys");
    }
}
