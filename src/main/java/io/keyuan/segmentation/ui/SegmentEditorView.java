package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.segmentation.RuleException;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleProblem;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentCatalogueService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.segmentation.StageChoice;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;

/**
 * Segmentation rules: pick a rule set and a segment, edit its rule as nested groups, see how many customers it
 * selects now (counted in the background, a moment after the last edit) and what is wrong with it, and save it
 * as a new version with a note. Staff see the rules read-only.
 */
@Route("segments")
@Menu(title = "segment.nav.editor", order = 40, icon = "vaadin:cluster")
@RolesAllowed(Roles.STAFF)
public class SegmentEditorView extends VerticalLayout implements HasDynamicTitle, RuleBuilder.Context {
    private static final long DEBOUNCE_MS = 400;

    private final SegmentService segments;
    private final boolean manager;
    private final List<ChannelSummary> channelList;
    private final List<StageChoice> stageList;
    private final AtomicLong generation = new AtomicLong();

    final Select<RuleSetSummary> ruleSet = new Select<>();
    final Select<SegmentSummary> segment = new Select<>();
    final TextField newName = new TextField();
    final TextField note = new TextField();
    final Button save = new Button();
    final Span count = new Span();
    final UnorderedList problems = new UnorderedList();
    final VerticalLayout builderBox = new VerticalLayout();
    RuleBuilder.GroupEditor root;
    private boolean loading;

    SegmentEditorView(
            SegmentService segments,
            ChannelService channels,
            AuthenticationContext auth,
            SegmentCatalogueService catalogue) {
        this.segments = segments;
        this.manager = auth.hasRole(Roles.MANAGER);
        this.channelList = channels.summaries();
        this.stageList = catalogue.stages();

        ruleSet.setLabel(getTranslation("segment.editor.rule-set"));
        ruleSet.setId("segment-rule-set");
        ruleSet.setItemLabelGenerator(RuleSetSummary::name);
        ruleSet.addValueChangeListener(e -> loadSegments(e.getValue(), null));
        segment.setLabel(getTranslation("segment.editor.segment"));
        segment.setId("segment-segment");
        segment.setItemLabelGenerator(s -> s == null ? getTranslation("segment.editor.new-segment") : s.name());
        segment.setEmptySelectionCaption(getTranslation("segment.editor.new-segment"));
        segment.setEmptySelectionAllowed(true);
        segment.addValueChangeListener(e -> loadRule(e.getValue()));
        newName.setLabel(getTranslation("segment.editor.new-segment"));
        newName.setId("segment-new-name");
        newName.setVisible(manager);
        note.setLabel(getTranslation("segment.editor.note"));
        note.setId("segment-note");
        note.setWidth("24em");
        note.setVisible(manager);
        save.setText(getTranslation("segment.editor.save"));
        save.setId("segment-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(manager);
        save.addClickListener(e -> save());
        count.setId("segment-count");
        problems.setId("segment-problems");
        builderBox.setPadding(false);

        com.vaadin.flow.component.button.Button newSet = new com.vaadin.flow.component.button.Button(
                getTranslation("segment.rule-set.new"), com.vaadin.flow.component.icon.VaadinIcon.PLUS.create());
        newSet.setId("segment-new-rule-set");
        newSet.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
        newSet.setVisible(manager);
        newSet.addClickListener(e -> newRuleSet());
        HorizontalLayout pickers = new HorizontalLayout(ruleSet, newSet, segment, newName);
        pickers.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout saving = new HorizontalLayout(note, save);
        saving.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2(getTranslation("segment.editor.title")), pickers, builderBox, count, problems, saving);
        if (!manager) {
            add(new Span(getTranslation("segment.editor.read-only")));
        }
        List<RuleSetSummary> sets = segments.ruleSets();
        ruleSet.setItems(sets);
        newRule();
        if (!sets.isEmpty()) {
            ruleSet.setValue(sets.getFirst());
        }
    }

    /** A dialog for a new rule set: its name and whether its segments exclude each other. */
    void newRuleSet() {
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle(getTranslation("segment.rule-set.new"));
        TextField name = new TextField(getTranslation("segment.rule-set.name"));
        name.setId("rule-set-name");
        name.setWidthFull();
        com.vaadin.flow.component.radiobutton.RadioButtonGroup<io.keyuan.segmentation.RuleSetMode> mode =
                new com.vaadin.flow.component.radiobutton.RadioButtonGroup<>(getTranslation("segment.rule-set.mode"));
        mode.setId("rule-set-mode");
        mode.setItems(io.keyuan.segmentation.RuleSetMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("segment.mode." + m.name()));
        mode.setValue(io.keyuan.segmentation.RuleSetMode.OVERLAPPING);
        dialog.add(new com.vaadin.flow.component.orderedlayout.VerticalLayout(name, mode));
        com.vaadin.flow.component.button.Button create =
                new com.vaadin.flow.component.button.Button(getTranslation("action.save"), e -> {
                    try {
                        RuleSetSummary created = segments.createRuleSet(name.getValue(), mode.getValue());
                        ruleSet.setItems(segments.ruleSets());
                        ruleSet.setValue(created);
                        dialog.close();
                    } catch (io.keyuan.shared.KeyuanException ex) {
                        name.setErrorMessage(io.keyuan.shared.ui.Notifications.describe(this, ex));
                        name.setInvalid(true);
                    }
                });
        create.setId("rule-set-save");
        create.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter()
                .add(
                        new com.vaadin.flow.component.button.Button(
                                getTranslation("action.cancel"), e -> dialog.close()),
                        create);
        dialog.open();
        name.focus();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("segment.editor.title");
    }

    @Override
    public boolean editable() {
        return manager;
    }

    @Override
    public List<ChannelSummary> channels() {
        return channelList;
    }

    @Override
    public List<StageChoice> stages() {
        return stageList;
    }

    @Override
    public void changed() {
        if (!loading) {
            scheduleCount();
        }
    }

    /** Selects a rule set and, when given, one of its segments (tests and links). */
    void open(long ruleSetId, Long segmentId) {
        segments.ruleSets().stream()
                .filter(s -> s.id() == ruleSetId)
                .findFirst()
                .ifPresent(s -> {
                    ruleSet.setItems(segments.ruleSets());
                    ruleSet.setValue(s);
                    loadSegments(s, segmentId);
                });
    }

    private void loadSegments(RuleSetSummary set, Long select) {
        List<SegmentSummary> list = set == null ? List.of() : segments.segments(set.id());
        segment.setItems(list);
        SegmentSummary chosen = list.stream()
                .filter(s -> select != null && s.id() == select)
                .findFirst()
                .orElse(list.isEmpty() ? null : list.getFirst());
        segment.setValue(chosen);
        loadRule(chosen);
    }

    private void loadRule(SegmentSummary s) {
        if (s == null) {
            newRule();
            return;
        }
        loading = true;
        try {
            root = new RuleBuilder.GroupEditor(this, false);
            root.load(s.rule());
            builderBox.removeAll();
            builderBox.add(root);
        } finally {
            loading = false;
        }
        refreshCountNow();
    }

    private void newRule() {
        root = new RuleBuilder.GroupEditor(this, false);
        builderBox.removeAll();
        builderBox.add(root);
        refreshCountNow();
    }

    RuleNode currentRule() {
        return root.toRule();
    }

    /** Checks the rule and counts what it selects, on the calling thread. */
    void refreshCountNow() {
        generation.incrementAndGet();
        show(evaluate(currentRule()));
    }

    private void scheduleCount() {
        long mine = generation.incrementAndGet();
        RuleNode rule = currentRule();
        UI ui = UI.getCurrent();
        count.setText(getTranslation("segment.editor.counting"));
        Executor later = new DelegatingSecurityContextExecutor(
                CompletableFuture.delayedExecutor(DEBOUNCE_MS, TimeUnit.MILLISECONDS));
        CompletableFuture.supplyAsync(() -> generation.get() == mine ? evaluate(rule) : null, later)
                // a failed count must not leave "counting…" on screen: show the rule without a count
                .exceptionally(e -> new Evaluation(List.of(), null))
                .thenAccept(result -> {
                    if (result != null && ui != null) {
                        ui.access(() -> {
                            if (generation.get() == mine) {
                                show(result);
                            }
                        });
                    }
                });
    }

    private record Evaluation(List<RuleProblem> problems, Long count) {}

    private Evaluation evaluate(RuleNode rule) {
        List<RuleProblem> found = segments.check(rule);
        return new Evaluation(found, found.isEmpty() ? segments.count(rule) : null);
    }

    private void show(Evaluation result) {
        problems.removeAll();
        for (RuleProblem p : result.problems()) {
            problems.add(new ListItem(describe(p)));
        }
        count.setText(result.count() == null ? "" : getTranslation("segment.editor.count", result.count()));
    }

    private String describe(RuleProblem p) {
        String where = p.path().isEmpty() ? getTranslation("segment.editor.root") : p.path();
        return getTranslation("segment.editor.problem", where, getTranslation(p.key(), p.args()));
    }

    private void save() {
        RuleNode rule = currentRule();
        try {
            SegmentSummary current = segment.getValue();
            SegmentSummary saved;
            if (current == null) {
                RuleSetSummary set = ruleSet.getValue();
                if (set == null) {
                    throw KeyuanException.onField("ruleSet", "segment.error.mode-required");
                }
                saved = segments.createSegment(set.id(), newName.getValue(), rule, note.getValue());
            } else {
                saved = segments.saveRule(current.id(), current.version(), rule, note.getValue());
            }
            note.clear();
            newName.clear();
            Notifications.success(this, "segment.editor.saved", saved.ruleVersion());
            loadSegments(ruleSet.getValue(), saved.id());
        } catch (RuleException e) {
            show(new Evaluation(e.problems(), null));
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        generation.incrementAndGet();
        super.onDetach(detachEvent);
    }
}
