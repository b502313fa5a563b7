package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.segmentation.CatalogueField;
import io.keyuan.segmentation.CustomerMatch;
import io.keyuan.segmentation.RuleDescriber;
import io.keyuan.segmentation.RuleException;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleProblem;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentCatalogueService;
import io.keyuan.segmentation.SegmentExportJobs;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.segmentation.StageChoice;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;

/**
 * Segmentation rules: pick a rule set and a segment, edit its rule as nested groups, see how many customers it
 * selects now and a sample of them (both fetched in the background, a moment after the last edit) and what is
 * wrong with it, and save it as a new version with a note. The rule set's mode and segment order, the version
 * history (with a diff and restore) and an export of every rule are here too. Staff see all of it read-only.
 */
@Route("segments")
@Menu(title = "segment.nav.editor", order = 40, icon = "vaadin:cluster")
@RolesAllowed(Roles.STAFF)
public class SegmentEditorView extends VerticalLayout implements HasDynamicTitle, RuleBuilder.Context {
    private static final long DEBOUNCE_MS = 400;
    static final int SAMPLE_SIZE = 10;

    private final SegmentService segments;
    private final RuleDescriber describer;
    private final io.keyuan.shared.jobs.JobService jobs;
    private final boolean manager;
    private final List<ChannelSummary> channelList;
    private final List<CatalogueField> fieldList;
    private final Map<CatalogueField, List<StageChoice>> choiceLists;
    private final AtomicLong generation = new AtomicLong();

    final Select<RuleSetSummary> ruleSet = new Select<>();
    final Select<SegmentSummary> segment = new Select<>();
    final TextField newName = new TextField();
    final TextField note = new TextField();
    final Button save = new Button();
    final Button history = new Button();
    final Button exportButton = new Button();
    final Span count = new Span();
    final Grid<CustomerMatch> sample = new Grid<>();
    final Span sampleEmpty = new Span();
    final UnorderedList problems = new UnorderedList();
    final Span unreadable = new Span();
    final VerticalLayout builderBox = new VerticalLayout();
    final Span noRuleSets = new Span();
    final RuleSetPanel settings;
    final Button refreshMembers = new Button();
    private final SegmentMembershipService membership;
    final Details settingsBox = new Details();
    final VerticalLayout editor = new VerticalLayout();
    RuleBuilder.GroupEditor root;
    private boolean loading;

    SegmentEditorView(
            SegmentService segments,
            RuleDescriber describer,
            io.keyuan.shared.jobs.JobService jobs,
            ChannelService channels,
            AuthenticationContext auth,
            SegmentCatalogueService catalogue,
            SegmentMembershipService membership) {
        this.segments = segments;
        this.membership = membership;
        this.describer = describer;
        this.jobs = jobs;
        this.manager = auth.hasRole(Roles.MANAGER);
        this.channelList = channels.summaries();
        this.settings = new RuleSetPanel(segments, membership, manager, set -> reloadSet(set.id()), this::reloadAll);
        this.fieldList = catalogue.fields();
        this.choiceLists = catalogue.allChoices();

        ruleSet.setLabel(getTranslation("segment.editor.rule-set"));
        ruleSet.setId("segment-rule-set");
        // wide enough for a rule set's name, which the default width cuts off
        ruleSet.setWidth("16em");
        ruleSet.setItemLabelGenerator(RuleSetSummary::name);
        ruleSet.addValueChangeListener(e -> {
            if (!loading) {
                loadSegments(e.getValue(), null);
            }
        });
        segment.setLabel(getTranslation("segment.editor.segment"));
        segment.setId("segment-segment");
        segment.setWidth("16em");
        segment.setItemLabelGenerator(s -> s == null ? getTranslation("segment.editor.new-segment-item") : s.name());
        segment.setEmptySelectionCaption(getTranslation("segment.editor.new-segment-item"));
        segment.setEmptySelectionAllowed(manager);
        segment.addValueChangeListener(e -> {
            if (!loading) {
                loadRule(e.getValue());
            }
        });
        newName.setLabel(getTranslation("segment.editor.new-segment"));
        newName.setId("segment-new-name");
        newName.setVisible(false);
        note.setLabel(getTranslation("segment.editor.note"));
        note.setId("segment-note");
        note.setWidth("24em");
        note.setHelperText(getTranslation("segment.editor.note-hint"));
        note.setVisible(manager);
        // Enter saves only a rule with nothing wrong; otherwise the problems show and focus stays in the note
        note.addKeyPressListener(Key.ENTER, e -> saveIfValid());
        save.setText(getTranslation("segment.editor.save"));
        save.setId("segment-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(manager);
        save.addClickListener(e -> save());
        history.setText(getTranslation("segment.editor.history"));
        history.setIcon(VaadinIcon.TIME_BACKWARD.create());
        history.setId("segment-history");
        history.addClickListener(e -> openHistory());
        // a manager who changed a set's rules sees its members now, not after tonight's refresh
        refreshMembers.setText(getTranslation("segment.editor.refresh-members"));
        refreshMembers.setIcon(VaadinIcon.REFRESH.create());
        refreshMembers.setId("segment-refresh-members");
        refreshMembers.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refreshMembers.setVisible(manager);
        refreshMembers.addClickListener(e -> refreshMembers());
        exportButton.setText(getTranslation("segment.editor.export"));
        exportButton.setIcon(VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.setId("segment-export");
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        exportButton.addClickListener(e -> exportRules());
        count.setId("segment-count");
        count.getElement().setAttribute("aria-live", "polite");
        problems.setId("segment-problems");
        builderBox.setPadding(false);

        sample.setId("segment-sample");
        sample.addComponentColumn(m -> new Anchor("customers/" + m.id(), m.name()))
                .setHeader(getTranslation("segment.editor.sample-name"));
        sample.addColumn(CustomerMatch::city).setHeader(getTranslation("segment.editor.sample-city"));
        sample.setAllRowsVisible(true);
        sample.setWidth("30em");
        sample.setVisible(false);
        sampleEmpty.setId("segment-sample-empty");
        sampleEmpty.setText(getTranslation("segment.editor.sample-empty"));
        sampleEmpty.setVisible(false);

        noRuleSets.setId("segment-no-rule-sets");
        noRuleSets.setText(getTranslation(manager ? "segment.editor.empty" : "segment.editor.empty-staff"));

        Button newSet = new Button(getTranslation("segment.rule-set.new"), VaadinIcon.PLUS.create());
        newSet.setId("segment-new-rule-set");
        newSet.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        newSet.setVisible(manager);
        newSet.addClickListener(e -> newRuleSet());
        HorizontalLayout pickers =
                new HorizontalLayout(ruleSet, newSet, segment, newName, history, refreshMembers, exportButton);
        pickers.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        pickers.setWrap(true);
        HorizontalLayout saving = new HorizontalLayout(note, save);
        saving.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout matches =
                new VerticalLayout(new H3(getTranslation("segment.editor.sample")), count, sample, sampleEmpty);
        matches.setPadding(false);
        matches.setSpacing(false);
        HorizontalLayout work = new HorizontalLayout(builderBox, matches);
        work.setWidthFull();
        work.setWrap(true);
        editor.setPadding(false);
        unreadable.setId("segment-unreadable");
        unreadable.setText(getTranslation("segment.editor.unreadable"));
        unreadable.getElement().getThemeList().add("badge error");
        unreadable.setVisible(false);
        editor.add(unreadable, work, problems, saving);
        if (!manager) {
            editor.add(new Span(getTranslation("segment.editor.read-only")));
        }
        settingsBox.setSummaryText(getTranslation("segment.settings.title"));
        settingsBox.add(settings);
        settingsBox.setId("segment-settings");
        // closed, so that the rule itself is what a manager sees first; the summary says the mode and size
        settingsBox.setOpened(false);
        add(pickers, noRuleSets, settingsBox, editor);
        List<RuleSetSummary> sets = segments.ruleSets();
        ruleSet.setItems(sets);
        newRule();
        if (!sets.isEmpty()) {
            ruleSet.setValue(sets.getFirst());
        } else {
            loadSegments(null, null);
        }
        ruleSet.focus();
    }

    /** A dialog for a new rule set: its name and whether its segments exclude each other. */
    void newRuleSet() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("segment.rule-set.new"));
        TextField name = new TextField(getTranslation("segment.rule-set.name"));
        name.setId("rule-set-name");
        name.setWidthFull();
        RadioButtonGroup<RuleSetMode> mode = new RadioButtonGroup<>(getTranslation("segment.rule-set.mode"));
        mode.setId("rule-set-mode");
        mode.setItems(RuleSetMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("segment.mode." + m.name()));
        mode.setValue(RuleSetMode.OVERLAPPING);
        dialog.add(new VerticalLayout(name, mode));
        Button create = new Button(getTranslation("action.save"), e -> {
            try {
                RuleSetSummary created = segments.createRuleSet(name.getValue(), mode.getValue());
                reloadSet(created.id());
                dialog.close();
            } catch (KeyuanException ex) {
                name.setErrorMessage(Notifications.describe(this, ex));
                name.setInvalid(true);
            }
        });
        create.setId("rule-set-save");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(dialog);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), create);
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
    public List<CatalogueField> fields() {
        return fieldList;
    }

    @Override
    public List<StageChoice> choices(CatalogueField field) {
        return choiceLists.getOrDefault(field, List.of());
    }

    @Override
    public void changed() {
        if (!loading) {
            scheduleCount();
        }
    }

    /** Selects a rule set and, when given, one of its segments (tests and links). */
    void open(long ruleSetId, Long segmentId) {
        List<RuleSetSummary> sets = segments.ruleSets();
        sets.stream().filter(s -> s.id() == ruleSetId).findFirst().ifPresent(s -> {
            loading = true;
            try {
                ruleSet.setItems(sets);
                ruleSet.setValue(s);
            } finally {
                loading = false;
            }
            loadSegments(s, segmentId);
        });
    }

    /** Re-reads the rule sets after one was deleted and shows the first that is left, if any. */
    void reloadAll() {
        List<RuleSetSummary> sets = segments.ruleSets();
        RuleSetSummary first = sets.isEmpty() ? null : sets.getFirst();
        loading = true;
        try {
            ruleSet.setItems(sets);
            ruleSet.setValue(first);
        } finally {
            loading = false;
        }
        loadSegments(first, null);
    }

    /** Re-reads the rule sets (a mode or order changed, or one was created) and keeps the selection. */
    private void reloadSet(long ruleSetId) {
        SegmentSummary current = segment.getValue();
        open(ruleSetId, current == null ? null : current.id());
    }

    private void loadSegments(RuleSetSummary set, Long select) {
        List<SegmentSummary> list = set == null ? List.of() : segments.segments(set.id());
        SegmentSummary chosen = list.stream()
                .filter(s -> select != null && s.id() == select)
                .findFirst()
                .orElse(list.isEmpty() ? null : list.getFirst());
        loading = true;
        try {
            segment.setItems(list);
            segment.setValue(chosen);
        } finally {
            loading = false;
        }
        noRuleSets.setVisible(set == null && ruleSet.getListDataView().getItemCount() == 0);
        editor.setVisible(set != null);
        refreshMembers.setEnabled(!list.isEmpty());
        segment.setEnabled(set != null);
        settings.show(set, list);
        settingsBox.setSummaryText(
                set == null
                        ? getTranslation("segment.settings.title")
                        : getTranslation(
                                "segment.settings.summary",
                                getTranslation("enum.RuleSetMode." + set.mode().name()),
                                list.size()));
        loadRule(chosen);
    }

    private void loadRule(SegmentSummary s) {
        newName.setVisible(manager && s == null);
        unreadable.setVisible(s != null && s.unreadable());
        history.setEnabled(s != null);
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

    /** Checks the rule, counts what it selects and fetches a sample, on the calling thread. */
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
                .exceptionally(e -> new Evaluation(List.of(), null, List.of()))
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

    private record Evaluation(List<RuleProblem> problems, Long count, List<CustomerMatch> sample) {}

    private Evaluation evaluate(RuleNode rule) {
        List<RuleProblem> found = segments.check(rule);
        if (!found.isEmpty()) {
            return new Evaluation(found, null, List.of());
        }
        return new Evaluation(found, segments.count(rule), segments.sample(rule, SAMPLE_SIZE));
    }

    private void show(Evaluation result) {
        problems.removeAll();
        for (RuleProblem p : result.problems()) {
            problems.add(new ListItem(describe(p)));
        }
        problems.setVisible(!result.problems().isEmpty()); // an empty list still takes its margins
        if (root != null) {
            java.util.Map<String, String> byPath = new java.util.HashMap<>();
            for (RuleProblem p : result.problems()) {
                byPath.putIfAbsent(p.path(), getTranslation(p.key(), p.args()));
            }
            root.mark("", byPath);
        }
        count.setText(result.count() == null ? "" : getTranslation("segment.editor.count", result.count()));
        boolean counted = result.count() != null;
        sample.setItems(result.sample());
        sample.setVisible(counted && !result.sample().isEmpty());
        sampleEmpty.setVisible(counted && result.sample().isEmpty());
    }

    /** A problem with the place it is at and, for a condition, the field it is on. */
    String describe(RuleProblem p) {
        String reason = getTranslation(p.key(), p.args());
        if (p.path().isEmpty()) {
            return getTranslation("segment.editor.problem", getTranslation("segment.editor.root"), reason);
        }
        RuleNode at = nodeAt(currentRule(), p.path());
        if (at instanceof RuleNode.Not n) {
            at = n.child();
        }
        if (at instanceof RuleNode.Condition c && c.field() != null) {
            return getTranslation(
                    "segment.editor.problem-field",
                    p.path(),
                    getTranslation("segment.field." + c.field().name()),
                    reason);
        }
        return getTranslation("segment.editor.problem", p.path(), reason);
    }

    private static RuleNode nodeAt(RuleNode node, String path) {
        RuleNode at = node;
        for (String step : path.split("\\.")) {
            int i;
            try {
                i = Integer.parseInt(step) - 1;
            } catch (NumberFormatException e) {
                return null;
            }
            at = switch (at) {
                case RuleNode.Group g
                when i >= 0 && i < g.children().size() -> g.children().get(i);
                case RuleNode.Not n when i == 0 -> n.child();
                case null, default -> null;
            };
        }
        return at;
    }

    /** Starts refreshing the chosen rule set's membership and opens the membership page, which shows its progress. */
    void refreshMembers() {
        RuleSetSummary set = ruleSet.getValue();
        if (set == null) {
            return;
        }
        try {
            membership.startRefresh(set.id());
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
            return;
        }
        SegmentSummary current = segment.getValue();
        getUI().ifPresent(ui -> {
            if (current == null) {
                ui.navigate(SegmentMembershipView.class);
            } else {
                ui.navigate(SegmentMembershipView.class, SegmentMembershipView.query(current.id()));
            }
        });
    }

    private void saveIfValid() {
        List<RuleProblem> found = segments.check(currentRule());
        if (found.isEmpty()) {
            save();
        } else {
            generation.incrementAndGet();
            show(new Evaluation(found, null, List.of()));
        }
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
            generation.incrementAndGet();
            show(new Evaluation(e.problems(), null, List.of()));
        } catch (KeyuanException e) {
            if ("name".equals(e.field()) && segment.getValue() == null) {
                newName.setErrorMessage(Notifications.describe(this, e));
                newName.setInvalid(true);
                newName.focus();
            } else {
                Notifications.error(this, Notifications.describe(this, e));
            }
        }
    }

    private void openHistory() {
        SegmentSummary s = segment.getValue();
        if (s == null) {
            return;
        }
        RuleHistoryDialog dialog = new RuleHistoryDialog(segments, describer, s, manager, restored -> {
            loadSegments(ruleSet.getValue(), restored.id());
            history.focus();
        });
        dialog.open();
    }

    private void exportRules() {
        ExportDialog.start(
                this,
                jobs,
                io.keyuan.shared.jobs.ExportJob.request(
                        SegmentExportJobs.RULES,
                        new SegmentExportJobs.RuleParameters(
                                getLocale().toLanguageTag(), getTranslation("segment.export.file-name") + ".xlsx"),
                        null));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        generation.incrementAndGet();
        super.onDetach(detachEvent);
    }
}
