package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import io.keyuan.customer.Regions;
import io.keyuan.pricing.PricingExportJobs;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.ExportDialog;
import java.time.LocalDate;
import java.util.List;

/** Asks for the matrix's date and region, then exports it as a job (its progress in the export dialog). */
class PriceMatrixDialog extends Dialog {
    final DatePicker date = new DatePicker();
    final ComboBox<String> province = new ComboBox<>();
    final ComboBox<String> city = new ComboBox<>();
    final Button export = new Button();

    PriceMatrixDialog(JobService jobs, com.vaadin.flow.component.Component owner) {
        setId("price-matrix-dialog");
        setHeaderTitle(getTranslation("pricing.matrix.title"));
        setWidth("520px");
        Paragraph hint = new Paragraph(getTranslation("pricing.matrix.hint"));
        hint.addClassName("keyuan-audit");
        date.setId("price-matrix-date");
        date.setLabel(getTranslation("pricing.matrix.date"));
        date.setI18n(DatePickers.i18n(this));
        date.setValue(LocalDate.now(BusinessTime.ZONE));
        date.setRequired(true);
        province.setId("price-matrix-province");
        province.setLabel(getTranslation("pricing.matrix.province"));
        province.setPlaceholder(getTranslation("pricing.matrix.national"));
        province.setItems(Regions.provinces());
        province.setClearButtonVisible(true);
        province.addValueChangeListener(e -> {
            city.clear();
            city.setItems(e.getValue() == null ? List.of() : Regions.cities(e.getValue()));
            city.setEnabled(e.getValue() != null);
        });
        city.setId("price-matrix-city");
        city.setLabel(getTranslation("pricing.matrix.city"));
        city.setClearButtonVisible(true);
        city.setEnabled(false);
        FormLayout form = new FormLayout(date, province, city);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("400px", 3));
        add(hint, form);
        export.setText(getTranslation("pricing.matrix.export"));
        export.setId("price-matrix-export");
        export.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        export.addClickShortcut(Key.ENTER);
        export.addClickListener(e -> {
            if (date.getValue() == null) {
                date.setInvalid(true);
                date.setErrorMessage(getTranslation("validation.required"));
                return;
            }
            close();
            ExportDialog.start(
                    owner,
                    jobs,
                    PricingExportJobs.matrix(date.getValue(), province.getValue(), city.getValue(), getLocale()));
        });
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        cancel.setId("price-matrix-cancel");
        getFooter().add(cancel, export);
    }
}
