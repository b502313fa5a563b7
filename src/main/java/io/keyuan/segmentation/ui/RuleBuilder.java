package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.segmentation.CatalogueField;
import io.keyuan.segmentation.FieldGroup;
import io.keyuan.segmentation.FieldType;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.StageChoice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The nested rule editor: groups of conditions with a NOT toggle on each; value inputs follow the field type. */
class RuleBuilder {
    private RuleBuilder() {}

    interface Part {
        RuleNode toRule();

        /**
         * Shows each problem at the input it is about; {@code path} is this part's path in the rule
         * ({@link io.keyuan.segmentation.RuleProblem}'s form), {@code messages} the problems' texts by path.
         */
        void mark(String path, java.util.Map<String, String> messages);
    }

    static String childPath(String path, int index) {
        return path.isEmpty() ? String.valueOf(index) : path + "." + index;
    }

    /** A group; {@code onChange} runs after every edit anywhere below it. */
    static class GroupEditor extends VerticalLayout implements Part {
        final Select<RuleNode.GroupOp> op = new Select<>();
        final Checkbox not = new Checkbox();
        final VerticalLayout children = new VerticalLayout();
        final Button addCondition = new Button();
        final Button addGroup = new Button();
        final Button remove = new Button();
        private final Context context;

        GroupEditor(Context context, boolean removable) {
            this.context = context;
            addClassName("segment-group");
            getStyle().set("border-left", "3px solid var(--lumo-contrast-20pct)");
            setPadding(false);
            op.setItems(RuleNode.GroupOp.values());
            op.setItemLabelGenerator(o -> getTranslation("segment.op." + o.name()));
            op.setValue(RuleNode.GroupOp.AND);
            op.addValueChangeListener(e -> context.changed());
            not.setLabel(getTranslation("segment.editor.not"));
            not.addValueChangeListener(e -> context.changed());
            addCondition.setText(getTranslation("segment.editor.add-condition"));
            addCondition.addClickListener(e -> {
                children.add(new ConditionEditor(context, null));
                context.changed();
            });
            addGroup.setText(getTranslation("segment.editor.add-group"));
            addGroup.addClickListener(e -> {
                children.add(new GroupEditor(context, true));
                context.changed();
            });
            remove.setText(getTranslation("segment.editor.remove"));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setVisible(removable);
            remove.addClickListener(e -> {
                removeFromParent();
                context.changed();
            });
            children.setPadding(false);
            HorizontalLayout head = new HorizontalLayout(not, op, addCondition, addGroup, remove);
            head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(head, children);
            setReadOnly(!context.editable());
        }

        void setReadOnly(boolean readOnly) {
            op.setReadOnly(readOnly);
            not.setReadOnly(readOnly);
            addCondition.setVisible(!readOnly);
            addGroup.setVisible(!readOnly);
            remove.setVisible(!readOnly && remove.isVisible());
        }

        void load(RuleNode node) {
            children.removeAll();
            RuleNode inner = node;
            not.setValue(false);
            if (inner instanceof RuleNode.Not n && n.child() instanceof RuleNode.Group) {
                not.setValue(true);
                inner = n.child();
            }
            if (inner instanceof RuleNode.Group g) {
                op.setValue(g.op());
                for (RuleNode child : g.children()) {
                    if (child instanceof RuleNode.Group
                            || (child instanceof RuleNode.Not n2 && n2.child() instanceof RuleNode.Group)) {
                        GroupEditor sub = new GroupEditor(context, true);
                        sub.load(child);
                        children.add(sub);
                    } else {
                        children.add(new ConditionEditor(context, child));
                    }
                }
            } else {
                op.setValue(RuleNode.GroupOp.AND);
                children.add(new ConditionEditor(context, inner));
            }
        }

        @Override
        public void mark(String path, java.util.Map<String, String> messages) {
            // a NOT around the group puts the group itself one level down
            String group = not.getValue() ? childPath(path, 1) : path;
            List<Part> parts = children.getChildren()
                    .filter(Part.class::isInstance)
                    .map(Part.class::cast)
                    .toList();
            for (int i = 0; i < parts.size(); i++) {
                parts.get(i).mark(childPath(group, i + 1), messages);
            }
        }

        @Override
        public RuleNode toRule() {
            List<RuleNode> rules = new ArrayList<>();
            children.getChildren().filter(Part.class::isInstance).forEach(c -> rules.add(((Part) c).toRule()));
            RuleNode group = new RuleNode.Group(op.getValue(), rules);
            return not.getValue() ? new RuleNode.Not(group) : group;
        }
    }

    /**
     * One condition: NOT, field (with its "in the last N days" window when the field counts over one), operator,
     * and value inputs typed by the field.
     */
    static class ConditionEditor extends HorizontalLayout implements Part {
        final Checkbox not = new Checkbox();
        final Select<CatalogueField> field = new Select<>();
        final IntegerField window = new IntegerField();
        final Select<Operator> operator = new Select<>();
        final HorizontalLayout valueBox = new HorizontalLayout();
        final Button remove = new Button();
        private final Context context;
        private Supplier<List<String>> values = List::of;

        ConditionEditor(Context context, RuleNode node) {
            this.context = context;
            addClassName("segment-condition");
            setDefaultVerticalComponentAlignment(Alignment.BASELINE);
            not.setLabel(getTranslation("segment.editor.not"));
            field.setLabel(getTranslation("segment.editor.field"));
            List<CatalogueField> fields = context.fields();
            field.setItems(fields);
            field.setItemLabelGenerator(f -> getTranslation(f.labelKey()));
            // a heading before the first field of each group, as the catalogue orders them
            FieldGroup heading = null;
            for (CatalogueField f : fields) {
                if (!f.group().equals(heading)) {
                    heading = f.group();
                    Span title = new Span(getTranslation(heading.labelKey()));
                    title.addClassName("segment-field-group");
                    title.getStyle()
                            .set("font-size", "var(--lumo-font-size-s)")
                            .set("color", "var(--lumo-secondary-text-color)")
                            .set("padding", "var(--lumo-space-xs) var(--lumo-space-m)");
                    field.prependComponents(f, title);
                }
            }
            window.setLabel(getTranslation("segment.editor.window"));
            window.setMin(SegmentField.MIN_WINDOW_DAYS);
            window.setMax(SegmentField.MAX_WINDOW_DAYS);
            window.setStepButtonsVisible(false);
            window.setWidth("8em");
            window.setVisible(false);
            operator.setLabel(getTranslation("segment.editor.operator"));
            operator.setItemLabelGenerator(o -> getTranslation("segment.operator." + o.name()));
            remove.setText(getTranslation("segment.editor.remove"));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.addClickListener(e -> {
                removeFromParent();
                context.changed();
            });
            RuleNode inner = node;
            if (inner instanceof RuleNode.Not n) {
                not.setValue(true);
                inner = n.child();
            }
            RuleNode.Condition c = inner instanceof RuleNode.Condition cond ? cond : null;
            if (c != null && c.field() != null) {
                field.setValue(c.field());
                window.setVisible(c.field().windowed());
                window.setValue(c.windowDays());
                operator.setItems(c.field().type().operators());
                operator.setValue(c.operator());
                buildValues(c.values());
            }
            field.addValueChangeListener(e -> {
                boolean windowed = e.getValue() != null && e.getValue().windowed();
                window.setVisible(windowed);
                if (windowed && window.isEmpty()) {
                    window.setValue(30);
                }
                operator.setItems(
                        e.getValue() == null ? List.of() : e.getValue().type().operators());
                buildValues(List.of());
                context.changed();
            });
            operator.addValueChangeListener(e -> {
                buildValues(List.of());
                context.changed();
            });
            not.addValueChangeListener(e -> context.changed());
            window.addValueChangeListener(e -> context.changed());
            add(not, field, window, operator, valueBox, remove);
            boolean ro = !context.editable();
            not.setReadOnly(ro);
            field.setReadOnly(ro);
            window.setReadOnly(ro);
            operator.setReadOnly(ro);
            remove.setVisible(!ro);
        }

        private void buildValues(List<String> initial) {
            valueBox.removeAll();
            values = List::of;
            CatalogueField f = field.getValue();
            Operator op = operator.getValue();
            if (f == null || op == null || op.maxValues() == 0) {
                return;
            }
            boolean list = op.maxValues() > 1 && op != Operator.BETWEEN;
            int single = op == Operator.BETWEEN ? 2 : 1;
            if (op == Operator.WITHIN_LAST_DAYS || f.type() == FieldType.NUMBER) {
                List<BigDecimalField> inputs = new ArrayList<>();
                for (int i = 0; i < single; i++) {
                    BigDecimalField input = new BigDecimalField(getTranslation("segment.editor.value"));
                    if (i < initial.size()) {
                        input.setValue(new BigDecimal(initial.get(i)));
                    }
                    inputs.add(watch(input));
                }
                values = () -> inputs.stream()
                        .map(i -> i.getValue() == null ? "" : i.getValue().toPlainString())
                        .toList();
            } else if (f.type() == FieldType.DATE) {
                List<DatePicker> inputs = new ArrayList<>();
                for (int i = 0; i < single; i++) {
                    DatePicker input = new DatePicker(getTranslation("segment.editor.value"));
                    if (i < initial.size()) {
                        input.setValue(LocalDate.parse(initial.get(i)));
                    }
                    inputs.add(watch(input));
                }
                values = () -> inputs.stream()
                        .map(i -> i.getValue() == null ? "" : i.getValue().toString())
                        .toList();
            } else if (f.type() == FieldType.ENUM || f.type() == FieldType.BOOLEAN) {
                List<String> names = f.type() == FieldType.BOOLEAN
                        ? List.of("true", "false")
                        : Arrays.stream(f.enumType().getEnumConstants())
                                .map(Enum::name)
                                .toList();
                String prefix = f.type() == FieldType.BOOLEAN
                        ? null
                        : "enum." + f.enumType().getSimpleName() + ".";
                ItemLabelGenerator<String> label = n -> prefix == null
                        ? getTranslation(n.equals("true") ? "segment.yes" : "segment.no")
                        : getTranslation(prefix + n);
                values = choice(names, label, initial, list);
            } else if (f.type() == FieldType.CHANNEL) {
                Map<Long, ChannelSummary> known = context.channels().stream()
                        .collect(Collectors.toMap(
                                ChannelSummary::id, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
                for (String v : initial) {
                    long id = Long.parseLong(v);
                    known.putIfAbsent(id, new ChannelSummary(id, "#" + id, null, null, false));
                }
                List<ChannelSummary> chosen =
                        initial.stream().map(v -> known.get(Long.parseLong(v))).toList();
                Supplier<List<ChannelSummary>> picked = choice(known.values(), ChannelSummary::name, chosen, list);
                values = () ->
                        picked.get().stream().map(c -> String.valueOf(c.id())).toList();
            } else if (f.type() == FieldType.STAGE) {
                Map<Long, StageChoice> known = context.choices(f).stream()
                        .collect(Collectors.toMap(
                                StageChoice::stageId, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
                for (String v : initial) {
                    long id = Long.parseLong(v);
                    known.putIfAbsent(id, new StageChoice(id, "#" + id, null, "#" + id, null));
                }
                List<StageChoice> chosen =
                        initial.stream().map(v -> known.get(Long.parseLong(v))).toList();
                Supplier<List<StageChoice>> picked = choice(known.values(), this::stageLabel, chosen, list);
                values = () -> picked.get().stream()
                        .map(c -> String.valueOf(c.stageId()))
                        .toList();
            } else {
                TextField input = new TextField(getTranslation("segment.editor.value"));
                if (list) {
                    input.setHelperText(getTranslation("segment.editor.values-hint"));
                }
                input.setValue(String.join(", ", initial));
                watch(input);
                values = () -> list
                        ? Arrays.stream(input.getValue().split("[,，]"))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList()
                        : List.of(input.getValue().strip());
            }
        }

        /**
         * A choice among {@code items}: one value in a plain combo box for operators that take one (=, ≠), several
         * in a multi-select one for in / not in. Returns what is chosen.
         */
        private <T> Supplier<List<T>> choice(
                Collection<T> items, ItemLabelGenerator<T> label, List<T> initial, boolean several) {
            String caption = getTranslation("segment.editor.value");
            if (several) {
                MultiSelectComboBox<T> input = new MultiSelectComboBox<>(caption);
                // chosen values stay readable: the box widens, then wraps, instead of folding them into "+2"
                input.setAutoExpand(MultiSelectComboBox.AutoExpandMode.BOTH);
                input.setMaxWidth("30em");
                input.setItems(items);
                input.setItemLabelGenerator(label);
                input.setValue(new LinkedHashSet<>(initial));
                watch(input);
                return () -> List.copyOf(input.getSelectedItems());
            }
            ComboBox<T> input = new ComboBox<>(caption);
            input.setItems(items);
            input.setItemLabelGenerator(label);
            if (!initial.isEmpty()) {
                input.setValue(initial.getFirst());
            }
            watch(input);
            return () -> input.getValue() == null ? List.of() : List.of(input.getValue());
        }

        private String stageLabel(StageChoice c) {
            return c.label(this::getTranslation);
        }

        private <C extends Component & com.vaadin.flow.component.HasValue<?, ?>> C watch(C input) {
            input.setReadOnly(!context.editable());
            input.addValueChangeListener(e -> context.changed());
            valueBox.add(input);
            return input;
        }

        @Override
        public void mark(String path, java.util.Map<String, String> messages) {
            String message = messages.get(not.getValue() ? childPath(path, 1) : path);
            if (message == null && not.getValue()) {
                message = messages.get(path);
            }
            boolean bad = message != null;
            // the first input that is missing gets the message; a complete condition shows it on its values
            com.vaadin.flow.component.HasValidation at = field.getValue() == null
                    ? field
                    : operator.getValue() == null
                            ? operator
                            : window.isVisible() && window.getValue() == null ? window : null;
            List<com.vaadin.flow.component.HasValidation> inputs = new ArrayList<>(List.of(field, operator, window));
            valueBox.getChildren()
                    .filter(com.vaadin.flow.component.HasValidation.class::isInstance)
                    .map(com.vaadin.flow.component.HasValidation.class::cast)
                    .forEach(inputs::add);
            if (at == null) {
                at = inputs.size() > 3 ? inputs.get(3) : operator;
            }
            for (com.vaadin.flow.component.HasValidation input : inputs) {
                boolean here = bad && input == at;
                input.setErrorMessage(here ? message : null);
                input.setInvalid(here);
            }
        }

        @Override
        public RuleNode toRule() {
            CatalogueField f = field.getValue();
            RuleNode c = new RuleNode.Condition(
                    f, operator.getValue(), values.get(), f != null && f.windowed() ? window.getValue() : null);
            return not.getValue() ? new RuleNode.Not(c) : c;
        }
    }

    /** What the editors share: whether the user may edit, the channels to choose from, and a change hook. */
    interface Context {
        boolean editable();

        List<ChannelSummary> channels();

        /** The fields a condition may name, in the catalogue's order. */
        List<CatalogueField> fields();

        /** What a STAGE field offers (open pipeline stages); none by default. */
        default List<StageChoice> choices(CatalogueField field) {
            return List.of();
        }

        void changed();
    }
}
