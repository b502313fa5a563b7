package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineDraft;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageDraft;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.domain.Pipeline;
import io.keyuan.pipeline.domain.PipelineStage;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;

/**
 * Managers shape pipelines: copy a template, rename, set whether stages may be skipped or deals moved back, and
 * edit the stages (order, probability, kind, stale limit). Deleting a stage that holds deals asks where they go.
 */
@Route("settings/pipelines")
@Menu(title = "pipeline.nav.settings", order = 85, icon = "vaadin:cogs")
@RolesAllowed(Roles.MANAGER)
public class PipelineSettingsView extends VerticalLayout implements HasDynamicTitle {
    private final PipelineService pipelines;
    final Select<PipelineSummary> pipeline = new Select<>();
    final TextField name = new TextField();
    final Checkbox allowSkip = new Checkbox();
    final Checkbox allowBackward = new Checkbox();
    final Button savePipeline = new Button();
    final Button deletePipeline = new Button();
    final Button addStage = new Button();
    final Grid<StageRow> stages = new Grid<>();
    private PipelineDetail detail;

    public PipelineSettingsView(PipelineService pipelines) {
        this.pipelines = pipelines;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        pipeline.setId("settings-pipeline");
        pipeline.setLabel(getTranslation("pipeline.field.pipeline"));
        pipeline.setItemLabelGenerator(p -> StageLabels.pipeline(this, p));
        pipeline.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show(e.getValue().id());
            }
        });
        Button copy = new Button(getTranslation("pipeline.copy"), VaadinIcon.COPY.create(), e -> openCopy());
        copy.setId("pipeline-copy");
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout toolbar = new HorizontalLayout(pipeline, copy);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        name.setId("pipeline-name");
        name.setLabel(getTranslation("pipeline.field.name"));
        name.setMaxLength(Pipeline.NAME_LENGTH);
        name.setWidth("18rem");
        allowSkip.setId("pipeline-allow-skip");
        allowSkip.setLabel(getTranslation("pipeline.field.allow-skip"));
        allowBackward.setId("pipeline-allow-backward");
        allowBackward.setLabel(getTranslation("pipeline.field.allow-backward"));
        savePipeline.setText(getTranslation("action.save"));
        savePipeline.setId("pipeline-save");
        savePipeline.addClickListener(e -> savePipeline());
        savePipeline.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL).setBrowserDefaultAllowed(false);
        deletePipeline.setText(getTranslation("pipeline.delete"));
        deletePipeline.setId("pipeline-delete");
        deletePipeline.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        deletePipeline.addClickListener(e -> confirmDeletePipeline());
        HorizontalLayout form = new HorizontalLayout(name, allowSkip, allowBackward, savePipeline, deletePipeline);
        form.addClassName("keyuan-toolbar");
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        addStage.setText(getTranslation("pipeline.stage.add"));
        addStage.setIcon(VaadinIcon.PLUS.create());
        addStage.setId("stage-add");
        addStage.addClickListener(e -> new StageDialog(null).open());

        stages.setId("stage-grid");
        stages.setSizeFull();
        stages.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        stages.addColumn(StageRow::position).setHeader("#").setWidth("4rem").setFlexGrow(0);
        stages.addColumn(s -> StageLabels.stage(this, s))
                .setHeader(getTranslation("pipeline.stage.name"))
                .setFlexGrow(2);
        stages.addColumn(s -> s.probability() + "%")
                .setHeader(getTranslation("pipeline.stage.probability"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        stages.addColumn(s -> EnumLabels.label(this, s.kind()))
                .setHeader(getTranslation("pipeline.stage.kind"))
                .setAutoWidth(true);
        stages.addColumn(s -> s.staleAfterDays() == null
                        ? getTranslation("form.none")
                        : getTranslation("pipeline.stage.days", s.staleAfterDays()))
                .setHeader(getTranslation("pipeline.stage.stale-after"))
                .setAutoWidth(true);
        stages.addColumn(s -> pipelines.dealCount(s.id()))
                .setHeader(getTranslation("pipeline.stage.deals"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        stages.addComponentColumn(this::actions)
                .setHeader(getTranslation("pipeline.stage.actions"))
                .setAutoWidth(true)
                .setFlexGrow(0);

        add(toolbar, form, addStage, stages);
        reloadPipelines(null);
    }

    private HorizontalLayout actions(StageRow s) {
        Button up = icon(VaadinIcon.ARROW_UP, "pipeline.stage.up", () -> move(s, -1));
        up.setEnabled(s.position() > 1);
        Button down = icon(VaadinIcon.ARROW_DOWN, "pipeline.stage.down", () -> move(s, 1));
        down.setEnabled(s.position() < detail.stages().size());
        Button edit = icon(VaadinIcon.EDIT, "action.edit", () -> new StageDialog(s).open());
        Button delete = icon(VaadinIcon.TRASH, "action.delete", () -> confirmDelete(s));
        delete.setId("stage-delete-" + s.id());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        edit.setId("stage-edit-" + s.id());
        HorizontalLayout h = new HorizontalLayout(up, down, edit, delete);
        h.setSpacing(false);
        return h;
    }

    private Button icon(VaadinIcon icon, String key, Runnable action) {
        Button b = new Button(icon.create(), e -> action.run());
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        b.setAriaLabel(getTranslation(key));
        b.setTooltipText(getTranslation(key));
        return b;
    }

    void reloadPipelines(Long select) {
        List<PipelineSummary> all = pipelines.pipelines();
        pipeline.setItems(all);
        boolean any = !all.isEmpty();
        name.setEnabled(any);
        allowSkip.setEnabled(any);
        allowBackward.setEnabled(any);
        savePipeline.setEnabled(any);
        deletePipeline.setEnabled(any);
        addStage.setEnabled(any);
        if (!any) {
            detail = null;
            stages.setItems(List.of());
            return;
        }
        long id = select != null ? select : all.getFirst().id();
        PipelineSummary chosen =
                all.stream().filter(p -> p.id() == id).findFirst().orElse(all.getFirst());
        pipeline.setValue(chosen);
        show(chosen.id());
    }

    void show(long pipelineId) {
        detail = pipelines.get(pipelineId);
        name.setValue(StageLabels.pipeline(this, detail.pipeline()));
        name.setInvalid(false);
        allowSkip.setValue(detail.pipeline().allowSkip());
        allowBackward.setValue(detail.pipeline().allowBackward());
        stages.setItems(detail.stages());
    }

    void savePipeline() {
        if (detail == null) {
            return;
        }
        PipelineSummary p = detail.pipeline();
        // An untouched template name keeps translating; only a typed name replaces it.
        String typed = name.getValue();
        String newName = typed.equals(StageLabels.pipeline(this, p)) ? p.name() : typed;
        try {
            PipelineSummary saved = pipelines.save(
                    new PipelineDraft(p.id(), p.version(), newName, allowSkip.getValue(), allowBackward.getValue()));
            Notifications.success(this, "pipeline.saved", StageLabels.pipeline(this, saved));
            reloadPipelines(saved.id());
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
            show(p.id());
        } catch (KeyuanException e) {
            Notifications.showOnField(this, Map.of("name", name), e);
        }
    }

    void confirmDeletePipeline() {
        if (detail == null) {
            return;
        }
        PipelineSummary p = detail.pipeline();
        String label = StageLabels.pipeline(this, p);
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("pipeline.delete.title"),
                getTranslation("pipeline.delete.text", label),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> pipelines.delete(p.id(), p.version()))) {
                        Notifications.success(this, "pipeline.deleted", label);
                        reloadPipelines(null);
                    }
                });
        d.setId("pipeline-delete-confirm");
        d.setConfirmButtonTheme("error primary");
        d.setCancelable(true);
        d.setCancelText(getTranslation("action.cancel"));
        d.open();
    }

    private void move(StageRow s, int direction) {
        if (Notifications.attempt(this, () -> pipelines.moveStage(s.id(), direction))) {
            show(detail.pipeline().id());
        }
    }

    void confirmDelete(StageRow s) {
        long deals = pipelines.dealCount(s.id());
        if (deals == 0) {
            ConfirmDialog d = new ConfirmDialog(
                    getTranslation("pipeline.stage.delete.title"),
                    getTranslation("pipeline.stage.delete.text", StageLabels.stage(this, s)),
                    getTranslation("action.delete"),
                    e -> deleteStage(s, null));
            d.setId("stage-delete-confirm");
            d.setConfirmButtonTheme("error primary");
            d.setCancelable(true);
            d.setCancelText(getTranslation("action.cancel"));
            d.open();
        } else {
            new MoveDealsDialog(s, deals).open();
        }
    }

    boolean deleteStage(StageRow s, Long target) {
        boolean done = Notifications.attempt(this, () -> pipelines.deleteStage(s.id(), s.version(), target));
        if (done) {
            Notifications.success(this, "pipeline.stage.deleted", StageLabels.stage(this, s));
        }
        show(detail.pipeline().id());
        return done;
    }

    void openCopy() {
        new CopyDialog().open();
    }

    /** Asks where the deals of a stage being deleted go. */
    final class MoveDealsDialog extends Dialog {
        final Select<StageRow> target = new Select<>();

        MoveDealsDialog(StageRow s, long deals) {
            setId("stage-move-deals-dialog");
            setHeaderTitle(getTranslation("pipeline.stage.delete.title"));
            target.setId("stage-delete-target");
            target.setLabel(getTranslation("pipeline.stage.delete.target"));
            target.setItems(
                    detail.stages().stream().filter(x -> x.id() != s.id()).toList());
            target.setItemLabelGenerator(x -> StageLabels.stage(PipelineSettingsView.this, x));
            target.setWidth("16rem");
            add(
                    new Paragraph(getTranslation(
                            "pipeline.stage.delete.has-deals", StageLabels.stage(PipelineSettingsView.this, s), deals)),
                    target);
            Button confirm = new Button(getTranslation("pipeline.stage.delete.move-and-delete"), e -> {
                if (target.getValue() == null) {
                    target.setErrorMessage(getTranslation("validation.required"));
                    target.setInvalid(true);
                    return;
                }
                deleteStage(s, target.getValue().id());
                close();
            });
            confirm.setId("stage-delete-move");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), confirm);
        }
    }

    /** Adds or edits one stage. */
    final class StageDialog extends Dialog {
        final TextField stageName = new TextField();
        final IntegerField probability = new IntegerField();
        final Select<StageKind> kind = new Select<>();
        final IntegerField staleDays = new IntegerField();

        StageDialog(StageRow s) {
            setId("stage-dialog");
            setHeaderTitle(getTranslation(s == null ? "pipeline.stage.add" : "pipeline.stage.edit"));
            stageName.setId("stage-name");
            stageName.setLabel(getTranslation("pipeline.stage.name"));
            stageName.setMaxLength(PipelineStage.NAME_LENGTH);
            probability.setId("stage-probability");
            probability.setLabel(getTranslation("pipeline.stage.probability"));
            probability.setMin(0);
            probability.setMax(100);
            probability.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
            kind.setId("stage-kind");
            kind.setLabel(getTranslation("pipeline.stage.kind"));
            kind.setItems(StageKind.values());
            kind.setItemLabelGenerator(EnumLabels.generator(this));
            staleDays.setId("stage-stale-days");
            staleDays.setLabel(getTranslation("pipeline.stage.stale-after"));
            staleDays.setHelperText(getTranslation("pipeline.stage.stale-help"));
            staleDays.setMin(1);
            staleDays.setMax(PipelineStage.MAX_STALE_DAYS);
            if (s == null) {
                probability.setValue(50);
                kind.setValue(StageKind.OPEN);
            } else {
                stageName.setValue(StageLabels.stage(PipelineSettingsView.this, s));
                probability.setValue(s.probability());
                kind.setValue(s.kind());
                staleDays.setValue(s.staleAfterDays());
            }
            kind.addValueChangeListener(e -> staleDays.setEnabled(e.getValue() == StageKind.OPEN));
            staleDays.setEnabled(kind.getValue() == StageKind.OPEN);
            add(new FormLayout(stageName, probability, kind, staleDays));
            Button save = new Button(getTranslation("action.save"), e -> save(s));
            save.setId("stage-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL).setBrowserDefaultAllowed(false);
            save.addClickShortcut(Key.ENTER);
            getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), save);
            stageName.focus();
        }

        void save(StageRow s) {
            String typed = stageName.getValue();
            // A template stage keeps its translated name unless the manager typed a new one.
            String newName =
                    s != null && typed.equals(StageLabels.stage(PipelineSettingsView.this, s)) ? s.name() : typed;
            if (probability.getValue() == null) {
                probability.setErrorMessage(getTranslation("validation.required"));
                probability.setInvalid(true);
                return;
            }
            try {
                pipelines.saveStage(
                        detail.pipeline().id(),
                        new StageDraft(
                                s == null ? null : s.id(),
                                s == null ? 0 : s.version(),
                                newName,
                                probability.getValue(),
                                kind.getValue(),
                                staleDays.getValue()));
                close();
                show(detail.pipeline().id());
            } catch (StaleEditException e) {
                Notifications.error(this, Notifications.describe(this, e));
            } catch (KeyuanException e) {
                Notifications.showOnField(
                        this,
                        Map.of(
                                "name", stageName,
                                "probability", probability,
                                "kind", kind,
                                "staleAfterDays", staleDays),
                        e);
            }
        }
    }

    /** Copies a template (or another pipeline) into a new working pipeline. */
    final class CopyDialog extends Dialog {
        final Select<PipelineSummary> source = new Select<>();
        final TextField copyName = new TextField();

        CopyDialog() {
            setId("pipeline-copy-dialog");
            setHeaderTitle(getTranslation("pipeline.copy"));
            List<PipelineSummary> sources = new java.util.ArrayList<>(pipelines.templates());
            sources.addAll(pipelines.pipelines());
            source.setId("pipeline-copy-source");
            source.setLabel(getTranslation("pipeline.copy.source"));
            source.setItems(sources);
            source.setItemLabelGenerator(p -> StageLabels.pipeline(PipelineSettingsView.this, p));
            source.setValue(sources.getFirst());
            copyName.setId("pipeline-copy-name");
            copyName.setLabel(getTranslation("pipeline.field.name"));
            copyName.setMaxLength(Pipeline.NAME_LENGTH);
            copyName.setHelperText(getTranslation("pipeline.copy.name-help"));
            add(new FormLayout(source, copyName));
            Button confirm = new Button(getTranslation("pipeline.copy.confirm"), e -> {
                try {
                    PipelineDetail copy = pipelines.copy(source.getValue().id(), copyName.getValue());
                    Notifications.success(
                            PipelineSettingsView.this,
                            "pipeline.copied",
                            StageLabels.pipeline(PipelineSettingsView.this, copy.pipeline()));
                    close();
                    reloadPipelines(copy.pipeline().id());
                } catch (KeyuanException ex) {
                    Notifications.showOnField(this, Map.of("name", copyName), ex);
                }
            });
            confirm.setId("pipeline-copy-confirm");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), confirm);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pipeline.nav.settings");
    }
}
