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
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.customer.CustomerService;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.survey.CampaignRow;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.SurveyService;
import jakarta.annotation.security.RolesAllowed;

/**
 * Survey campaigns: survey, channel, status, period and how many recipients answered. Managers start new ones
 * (Alt+N); staff open a phone campaign to enter its answers.
 */
@Route("campaigns")
@Menu(title = "survey.nav.campaigns", order = 71, icon = "vaadin:paperplane")
@RolesAllowed(Roles.STAFF)
public class CampaignListView extends VerticalLayout implements HasDynamicTitle {
    final Grid<CampaignRow> grid = new Grid<>();
    final Button create = new Button();

    public CampaignListView(
            CampaignService campaigns,
            SurveyService surveys,
            SegmentMembershipService membership,
            CustomerService customers,
            CustomerContacts contacts,
            AuthenticationContext auth) {
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);
        boolean manager = auth.hasRole(Roles.MANAGER);

        create.setText(getTranslation("survey.campaign.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("campaign-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manager);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        create.addClickListener(
                e -> new CampaignDialog(campaigns, surveys, membership, customers, contacts, null, c -> open(c.id()))
                        .open());
        HorizontalLayout toolbar = new HorizontalLayout(create);
        toolbar.addClassName("keyuan-toolbar");

        grid.setId("campaign-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("survey.campaign.empty"));
        grid.addColumn(CampaignRow::name)
                .setHeader(getTranslation("survey.campaign.field.name"))
                .setFlexGrow(1);
        grid.addColumn(CampaignRow::surveyName).setHeader(getTranslation("survey.campaign.field.survey"));
        grid.addColumn(c -> EnumLabels.label(this, c.channel()))
                .setHeader(getTranslation("survey.campaign.field.channel"))
                .setAutoWidth(true);
        grid.addColumn(c -> EnumLabels.label(this, c.status()))
                .setHeader(getTranslation("survey.campaign.field.status"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.dateTime(c.opensAt()))
                .setHeader(getTranslation("survey.campaign.field.opens"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.dateTime(c.closesAt()))
                .setHeader(getTranslation("survey.campaign.field.closes"))
                .setAutoWidth(true);
        grid.addColumn(c ->
                        Formats.number(c.answered(), getLocale()) + " / " + Formats.number(c.recipients(), getLocale()))
                .setHeader(getTranslation("survey.campaign.answered-of"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addItemClickListener(e -> open(e.getItem().id()));
        com.vaadin.flow.component.Shortcuts.addShortcutListener(
                        grid, () -> grid.asSingleSelect().getOptionalValue().ifPresent(c -> open(c.id())), Key.ENTER)
                .listenOn(grid);
        add(toolbar, grid);
        grid.setItems(campaigns.list());
    }

    private void open(long id) {
        getUI().ifPresent(ui -> ui.navigate("campaigns/" + id));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("survey.nav.campaigns");
    }
}
