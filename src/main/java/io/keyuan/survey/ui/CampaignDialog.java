package io.keyuan.survey.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentOverviewRow;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignDetail;
import io.keyuan.survey.CampaignDraft;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.SurveyRow;
import io.keyuan.survey.SurveyService;
import io.keyuan.survey.domain.SurveyCampaign;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A draft campaign's form (managers): name, survey, channel, audience (segment or picked customers), period. */
class CampaignDialog extends Dialog {
    static final String SEGMENT = "segment";
    static final String PICKED = "picked";

    final TextField name = new TextField();
    // combo boxes, not selects: an installation has dozens of surveys and segments, and typing finds one
    final ComboBox<SurveyRow> survey = new ComboBox<>();
    final Select<CampaignChannel> channel = new Select<>();
    final RadioButtonGroup<String> audience = new RadioButtonGroup<>();
    final ComboBox<SegmentOverviewRow> segment = new ComboBox<>();
    final MultiSelectComboBox<CustomerRef> customers = new MultiSelectComboBox<>();
    final DateTimePicker opensAt = new DateTimePicker();
    final DateTimePicker closesAt = new DateTimePicker();
    final Button save = new Button();
    private final CampaignService campaigns;
    private final CampaignDetail editing;
    private final Consumer<CampaignDetail> saved;

    CampaignDialog(
            CampaignService campaigns,
            SurveyService surveys,
            SegmentMembershipService membership,
            CustomerService customerService,
            CustomerContacts contacts,
            CampaignDetail editing,
            Consumer<CampaignDetail> saved) {
        this.campaigns = campaigns;
        this.editing = editing;
        this.saved = saved;
        setId("campaign-dialog");
        setHeaderTitle(getTranslation(editing == null ? "survey.campaign.new" : "survey.campaign.edit"));

        name.setLabel(getTranslation("survey.campaign.field.name"));
        name.setId("campaign-name");
        name.setMaxLength(SurveyCampaign.NAME_LENGTH);
        survey.setLabel(getTranslation("survey.campaign.field.survey"));
        survey.setId("campaign-survey");
        List<SurveyRow> active = surveys.activeSurveys();
        survey.setItems(active);
        survey.setItemLabelGenerator(s -> s.code() + " · " + s.name());
        channel.setLabel(getTranslation("survey.campaign.field.channel"));
        channel.setId("campaign-channel");
        channel.setItems(CampaignChannel.values());
        channel.setItemLabelGenerator(EnumLabels.generator(this));
        audience.setLabel(getTranslation("survey.campaign.field.audience"));
        audience.setId("campaign-audience");
        audience.setItems(SEGMENT, PICKED);
        audience.setItemLabelGenerator(a -> getTranslation("survey.campaign.audience." + a));
        segment.setLabel(getTranslation("survey.campaign.field.segment"));
        segment.setId("campaign-segment");
        List<SegmentOverviewRow> segments = membership.overview();
        segment.setItems(segments);
        segment.setItemLabelGenerator(
                s -> s.ruleSetName() + " / " + s.segmentName() + (s.members() == null ? "" : " (" + s.members() + ")"));
        customers.setLabel(getTranslation("survey.campaign.field.customers"));
        customers.setId("campaign-customers");
        customers.setItemLabelGenerator(CustomerRef::label);
        customers.setItems(
                q -> customerService.findRefs(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        audience.addValueChangeListener(e -> {
            segment.setVisible(SEGMENT.equals(e.getValue()));
            customers.setVisible(PICKED.equals(e.getValue()));
        });
        opensAt.setLabel(getTranslation("survey.campaign.field.opens"));
        opensAt.setId("campaign-opens");
        closesAt.setLabel(getTranslation("survey.campaign.field.closes"));
        closesAt.setId("campaign-closes");

        FormLayout form = new FormLayout(name, survey, channel, audience, segment, customers, opensAt, closesAt);
        form.setColspan(customers, 2);
        add(form);
        save.setText(getTranslation("survey.campaign.save"));
        save.setId("campaign-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(e -> save());
        Button cancel = new Button(getTranslation("survey.campaign.cancel"), e -> close());
        getFooter().add(cancel, save);

        if (editing == null) {
            LocalDateTime now =
                    LocalDateTime.now(BusinessTime.ZONE).withSecond(0).withNano(0);
            opensAt.setValue(now);
            closesAt.setValue(now.plusDays(14));
            channel.setValue(CampaignChannel.ONLINE);
            audience.setValue(SEGMENT);
        } else {
            name.setValue(editing.name());
            active.stream()
                    .filter(s -> s.id() == editing.surveyId())
                    .findFirst()
                    .ifPresent(survey::setValue);
            channel.setValue(editing.channel());
            audience.setValue(editing.segmentId() == null ? PICKED : SEGMENT);
            segments.stream()
                    .filter(s -> editing.segmentId() != null && s.segmentId() == editing.segmentId())
                    .findFirst()
                    .ifPresent(segment::setValue);
            Map<Long, io.keyuan.customer.CustomerContact> picked = contacts.byIds(editing.customerIds());
            customers.setValue(picked.values().stream()
                    .map(c -> new CustomerRef(c.id(), c.code(), c.name()))
                    .toList());
            opensAt.setValue(LocalDateTime.ofInstant(editing.opensAt(), BusinessTime.ZONE));
            closesAt.setValue(LocalDateTime.ofInstant(editing.closesAt(), BusinessTime.ZONE));
        }
    }

    CampaignDraft draft() {
        boolean bySegment = SEGMENT.equals(audience.getValue());
        return new CampaignDraft(
                editing == null ? null : editing.id(),
                editing == null ? 0 : editing.version(),
                name.getValue(),
                survey.getValue() == null ? null : survey.getValue().id(),
                channel.getValue(),
                bySegment && segment.getValue() != null ? segment.getValue().segmentId() : null,
                bySegment
                        ? List.of()
                        : customers.getValue().stream().map(CustomerRef::id).toList(),
                instant(opensAt.getValue()),
                instant(closesAt.getValue()));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.atZone(BusinessTime.ZONE).toInstant();
    }

    void save() {
        List<com.vaadin.flow.component.HasValidation> fields =
                List.of(name, survey, segment, customers, opensAt, closesAt);
        fields.forEach(f -> f.setInvalid(false));
        CampaignDraft d = draft();
        if (SEGMENT.equals(audience.getValue()) && d.segmentId() == null) {
            segment.setErrorMessage(getTranslation("survey.campaign.error.segment-required"));
            segment.setInvalid(true);
            return;
        }
        try {
            CampaignDetail result = campaigns.save(d);
            close();
            saved.accept(result);
        } catch (KeyuanException e) {
            Notifications.showOnField(
                    this,
                    Map.of(
                            "name", name,
                            "survey", survey,
                            "audience", customers,
                            "opensAt", opensAt,
                            "closesAt", closesAt),
                    e);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            Notifications.error(this, Notifications.describe(this, e));
        }
    }
}
