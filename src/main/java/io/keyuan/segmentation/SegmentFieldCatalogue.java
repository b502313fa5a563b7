package io.keyuan.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The whitelist of fields a rule may name: segmentation's own {@link SegmentField}s and every
 * {@link SegmentFieldProvider}'s {@link ProvidedField}s, by stable key. A rule text naming a key that is not here
 * does not read ({@link RuleText#read}), so nothing else reaches the compilers. Holds constants only.
 */
@Component
public final class SegmentFieldCatalogue {
    private static final Comparator<CatalogueField> BUILDER_ORDER = Comparator.<CatalogueField>comparingInt(
                    f -> f.group().order())
            .thenComparing(f -> f.group().labelKey())
            .thenComparingInt(CatalogueField::order)
            .thenComparing(CatalogueField::name);

    private final Map<String, CatalogueField> byKey = new LinkedHashMap<>();
    private final Map<CatalogueField, SegmentFieldProvider> providers = new LinkedHashMap<>();
    private final Map<String, FactSource<?>> sources = new LinkedHashMap<>();
    private final List<CatalogueField> ordered;

    SegmentFieldCatalogue(List<SegmentFieldProvider> providers) {
        for (SegmentField f : SegmentField.values()) {
            byKey.put(f.name(), f);
        }
        for (SegmentFieldProvider provider : providers) {
            for (ProvidedField<?> f : provider.fields()) {
                if (byKey.putIfAbsent(f.name(), f) != null) {
                    throw new IllegalStateException("Two segment fields named " + f.name());
                }
                this.providers.put(f, provider);
                FactSource<?> before = sources.putIfAbsent(f.source().key(), f.source());
                if (before != null && before != f.source()) {
                    throw new IllegalStateException(
                            "Two fact sources named " + f.source().key());
                }
            }
        }
        List<CatalogueField> all = new ArrayList<>(byKey.values());
        all.sort(BUILDER_ORDER);
        this.ordered = List.copyOf(all);
    }

    /** Segmentation's own fields and those of {@code providers}: for tests and tools without a Spring context. */
    public static SegmentFieldCatalogue of(SegmentFieldProvider... providers) {
        return new SegmentFieldCatalogue(List.of(providers));
    }

    /** The field stored under {@code key}, if the catalogue knows it. */
    public Optional<CatalogueField> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Whether {@code field} is one of the catalogue's (a field built but never provided is not). */
    public boolean knows(CatalogueField field) {
        return field != null && byKey.get(field.name()) == field;
    }

    /** Every field, in the rule builder's order: by group, then by order within the group. */
    public List<CatalogueField> fields() {
        return ordered;
    }

    /** The provider of {@code field}; empty for segmentation's own fields. */
    Optional<SegmentFieldProvider> provider(CatalogueField field) {
        return Optional.ofNullable(field == null ? null : providers.get(field));
    }

    /** The fact sources the in-memory evaluator loads, each once. */
    List<FactSource<?>> sources() {
        return List.copyOf(sources.values());
    }
}
