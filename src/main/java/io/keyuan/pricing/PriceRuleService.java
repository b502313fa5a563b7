package io.keyuan.pricing;

import io.keyuan.pricing.PricingLookups.Table;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.pricing.domain.PriceRuleRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import io.keyuan.shared.db.StaleEdits;
import jakarta.persistence.criteria.Predicate;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Price rules: staff read them, managers change them; every change drops the cached price book. */
@Service
@Transactional
public class PriceRuleService {
    public static final BigDecimal MAX_VALUE = new BigDecimal("9999999999.9999");
    static final BigDecimal HUNDRED = new BigDecimal("100");

    /** The price_rule table's constraints (V40) as the rule form's fields and messages. */
    static final Map<String, ConstraintMessages.Meaning> CONSTRAINTS = Map.ofEntries(
            Map.entry("uk_price_rule_code", new ConstraintMessages.Meaning("code", "pricing.rule.error.code-taken")),
            Map.entry("fk_price_rule_tier", new ConstraintMessages.Meaning("tier", "pricing.rule.error.unknown-tier")),
            Map.entry(
                    "fk_price_rule_category",
                    new ConstraintMessages.Meaning("category", "pricing.rule.error.unknown-category")),
            Map.entry(
                    "fk_price_rule_product",
                    new ConstraintMessages.Meaning("product", "pricing.rule.error.unknown-product")),
            Map.entry("ck_price_rule_scope", new ConstraintMessages.Meaning("scope", "pricing.rule.error.scope")),
            Map.entry("ck_price_rule_value", new ConstraintMessages.Meaning("value", "pricing.rule.error.value")),
            Map.entry(
                    "ck_price_rule_min_quantity",
                    new ConstraintMessages.Meaning("minQuantity", "pricing.rule.error.min-quantity")),
            Map.entry(
                    "ck_price_rule_margin",
                    new ConstraintMessages.Meaning("minMarginPercent", "pricing.rule.error.margin")),
            Map.entry("ck_price_rule_dates", new ConstraintMessages.Meaning("validTo", "pricing.rule.error.dates")),
            Map.entry(
                    "ck_price_rule_city", new ConstraintMessages.Meaning("city", "pricing.rule.error.city-province")));

    private final PriceRuleRepository rules;
    private final PricingLookups lookups;
    private final Validator validator;
    private final StaleEdits staleEdits;
    private final ApplicationEventPublisher events;

    PriceRuleService(
            PriceRuleRepository rules,
            PricingLookups lookups,
            Validator validator,
            StaleEdits staleEdits,
            ApplicationEventPublisher events) {
        this.rules = rules;
        this.lookups = lookups;
        this.validator = validator;
        this.staleEdits = staleEdits;
        this.events = events;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<RuleRow> page(RuleFilter filter, Pageable pageable) {
        List<PriceRule> found = rules.findAll(spec(filter), pageable).getContent();
        Map<Long, PickItem> tiers = lookups.byIds(
                Table.TIER, found.stream().map(PriceRule::getTierId).toList());
        Map<Long, PickItem> products = lookups.byIds(
                Table.PRODUCT, found.stream().map(PriceRule::getProductId).toList());
        Map<Long, PickItem> categories = lookups.byIds(
                Table.CATEGORY, found.stream().map(PriceRule::getCategoryId).toList());
        return found.stream()
                .map(r -> new RuleRow(
                        r, tiers.get(r.getTierId()), products.get(r.getProductId()), categories.get(r.getCategoryId())))
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(RuleFilter filter) {
        return rules.count(spec(filter));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public PriceRule get(long id) {
        return rules.findById(id).orElseThrow(() -> new NotFoundException("price_rule", id));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public java.util.Optional<PriceRule> find(long id) {
        return rules.findById(id);
    }

    /** The row of one rule, with names, for the list and its dialog. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public RuleRow row(long id) {
        PriceRule r = get(id);
        return new RuleRow(
                r,
                lookups.byId(Table.TIER, r.getTierId()).orElse(null),
                lookups.byId(Table.PRODUCT, r.getProductId()).orElse(null),
                lookups.byId(Table.CATEGORY, r.getCategoryId()).orElse(null));
    }

    /** The product with this code, for an import that names products by code; refused on field product. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long resolveProduct(String code) {
        return lookups.byCode(Table.PRODUCT, code)
                .orElseThrow(() -> KeyuanException.onField(
                        "product", "pricing.rule.error.unknown-product-code", code == null ? "" : code.strip()))
                .id();
    }

    /** The category with this code; refused on field category. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long resolveCategory(String code) {
        return lookups.byCode(Table.CATEGORY, code)
                .orElseThrow(() -> KeyuanException.onField(
                        "category", "pricing.rule.error.unknown-category-code", code == null ? "" : code.strip()))
                .id();
    }

    /** The tier with this code; refused on field tier. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long resolveTier(String code) {
        return lookups.byCode(Table.TIER, code)
                .orElseThrow(() -> KeyuanException.onField(
                        "tier", "pricing.rule.error.unknown-tier-code", code == null ? "" : code.strip()))
                .id();
    }

    /** Products whose code starts with or name contains the text, for a lazy picker. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PickItem> products(String text, int offset, int limit) {
        return lookups.search(Table.PRODUCT, text, offset, limit);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public int countProducts(String text) {
        return lookups.countSearch(Table.PRODUCT, text);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PickItem> categories(String text, int offset, int limit) {
        return lookups.search(Table.CATEGORY, text, offset, limit);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public int countCategories(String text) {
        return lookups.countSearch(Table.CATEGORY, text);
    }

    /** Every tier in priority order (tiers number in the tens). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PickItem> tiers() {
        return lookups.search(Table.TIER, "", 0, 1000);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public java.util.Optional<PickItem> product(Long id) {
        return lookups.byId(Table.PRODUCT, id);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public java.util.Optional<PickItem> category(Long id) {
        return lookups.byId(Table.CATEGORY, id);
    }

    /** Creates or updates a rule described by another module; same checks as {@link #save(PriceRule)}. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PriceRule save(RuleDraft d) {
        // a fresh copy carrying the draft's values; the stored rule changes only once the checks pass
        PriceRule r = new PriceRule();
        r.setVersion(d.version());
        r.setCode(d.code());
        r.setName(d.name());
        r.setTierId(d.tierId());
        r.setScope(d.scope());
        r.setCategoryId(d.categoryId());
        r.setProductId(d.productId());
        r.setMinQuantity(d.minQuantity());
        r.setProvince(d.province());
        r.setCity(d.city());
        r.setValidFrom(d.validFrom());
        r.setValidTo(d.validTo());
        r.setKind(d.kind());
        r.setValue(d.value());
        r.setRounding(d.rounding());
        r.setMinMarginPercent(d.minMarginPercent());
        r.setPromotion(d.promotion());
        r.setPriority(d.priority());
        r.setActive(d.active());
        r.setNote(d.note());
        return saveAs(r, d.id());
    }

    /** Creates or updates; an update over a newer version is refused, each bad value on its field. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PriceRule save(PriceRule edited) {
        return saveAs(edited, edited.getId());
    }

    private PriceRule saveAs(PriceRule edited, Long id) {
        check(edited);
        String code = edited.getCode().strip();
        boolean taken =
                id == null ? rules.existsByCodeIgnoreCase(code) : rules.existsByCodeIgnoreCaseAndIdNot(code, id);
        if (taken) {
            throw KeyuanException.onField("code", "pricing.rule.error.code-taken", code);
        }
        PriceRule target;
        if (id == null) {
            target = new PriceRule();
        } else {
            target = rules.findById(id).orElseThrow(StaleEditException::deleted);
            if (target.getVersion() != edited.getVersion()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
        }
        copy(edited, target, code);
        try {
            PriceRule saved = rules.saveAndFlush(target);
            events.publishEvent(new PriceBookChanged("rule " + saved.getCode()));
            return saved;
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS, code);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("price_rule", target.getId());
        }
    }

    /** Switches a rule on or off without other changes. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PriceRule setActive(long id, long expectedVersion, boolean active) {
        PriceRule rule = get(id);
        if (rule.getVersion() != expectedVersion) {
            throw new StaleEditException(rule.getUpdatedBy(), rule.getUpdatedAt());
        }
        rule.setActive(active);
        try {
            PriceRule saved = rules.saveAndFlush(rule);
            events.publishEvent(new PriceBookChanged("rule " + saved.getCode()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("price_rule", id);
        }
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        PriceRule rule = rules.findById(id).orElseThrow(StaleEditException::deleted);
        if (rule.getVersion() != expectedVersion) {
            throw new StaleEditException(rule.getUpdatedBy(), rule.getUpdatedAt());
        }
        rules.delete(rule);
        rules.flush();
        events.publishEvent(new PriceBookChanged("rule " + rule.getCode()));
    }

    /** A sentence for the UI: an i18n key and its arguments (kind, value, scope target). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Description describe(PriceRule rule) {
        String target = switch (rule.getScope()) {
            case ALL -> "";
            case CATEGORY ->
                lookups.byId(Table.CATEGORY, rule.getCategoryId())
                        .map(PickItem::name)
                        .orElse("?");
            case PRODUCT ->
                lookups.byId(Table.PRODUCT, rule.getProductId())
                        .map(PickItem::name)
                        .orElse("?");
        };
        return new Description(
                "pricing.rule.describe." + rule.getKind().name() + "."
                        + rule.getScope().name(),
                List.of(rule.getValue().stripTrailingZeros().toPlainString(), target, rule.getMinQuantity()));
    }

    /** An i18n key and its arguments. */
    public record Description(String key, List<Object> args) {}

    /** Every field-level refusal, in the order of the form. */
    void check(PriceRule r) {
        Set<ConstraintViolation<PriceRule>> violations = validator.validate(r);
        if (!violations.isEmpty()) {
            ConstraintViolation<PriceRule> v = violations.stream()
                    .sorted(java.util.Comparator.comparing(
                            x -> x.getPropertyPath().toString()))
                    .findFirst()
                    .orElseThrow();
            String field = v.getPropertyPath().toString();
            boolean missing = v.getInvalidValue() == null || (v.getInvalidValue() instanceof String s && s.isBlank());
            throw KeyuanException.onField(
                    field, missing ? "pricing.rule.error.required" : "error.invalid-field", field);
        }
        if (r.getTierId() != null && lookups.byId(Table.TIER, r.getTierId()).isEmpty()) {
            throw KeyuanException.onField("tier", "pricing.rule.error.unknown-tier");
        }
        switch (r.getScope()) {
            case ALL -> {
                r.setCategoryId(null);
                r.setProductId(null);
            }
            case CATEGORY -> {
                r.setProductId(null);
                if (r.getCategoryId() == null) {
                    throw KeyuanException.onField("category", "pricing.rule.error.category-required");
                }
                if (lookups.byId(Table.CATEGORY, r.getCategoryId()).isEmpty()) {
                    throw KeyuanException.onField("category", "pricing.rule.error.unknown-category");
                }
            }
            case PRODUCT -> {
                r.setCategoryId(null);
                if (r.getProductId() == null) {
                    throw KeyuanException.onField("product", "pricing.rule.error.product-required");
                }
                if (lookups.byId(Table.PRODUCT, r.getProductId()).isEmpty()) {
                    throw KeyuanException.onField("product", "pricing.rule.error.unknown-product");
                }
            }
        }
        if (r.getMinQuantity() < 1) {
            throw KeyuanException.onField("minQuantity", "pricing.rule.error.min-quantity");
        }
        r.setProvince(blankToNull(r.getProvince()));
        r.setCity(blankToNull(r.getCity()));
        if (r.getCity() != null && r.getProvince() == null) {
            throw KeyuanException.onField("city", "pricing.rule.error.city-province");
        }
        if (r.getValidFrom() != null && r.getValidTo() != null && r.getValidTo().isBefore(r.getValidFrom())) {
            throw KeyuanException.onField("validTo", "pricing.rule.error.dates", r.getValidFrom(), r.getValidTo());
        }
        BigDecimal value = r.getValue();
        if (value.signum() < 0) {
            throw KeyuanException.onField(
                    "value",
                    r.getKind() == RuleKind.FIXED_PRICE
                            ? "pricing.rule.error.negative-price"
                            : "pricing.rule.error.negative");
        }
        if (value.compareTo(MAX_VALUE) > 0
                || value.scale() > 4 && value.stripTrailingZeros().scale() > 4) {
            throw KeyuanException.onField("value", "pricing.rule.error.value");
        }
        if (r.getKind() == RuleKind.FIXED_PRICE && value.stripTrailingZeros().scale() > 2) {
            throw KeyuanException.onField("value", "pricing.rule.error.price-cents");
        }
        if (r.getKind() == RuleKind.PERCENT_OFF && value.compareTo(HUNDRED) > 0) {
            throw KeyuanException.onField("value", "pricing.rule.error.percent-over-100");
        }
        BigDecimal margin = r.getMinMarginPercent();
        if (margin != null
                && (margin.signum() < 0
                        || margin.compareTo(HUNDRED) >= 0
                        || margin.stripTrailingZeros().scale() > 2)) {
            throw KeyuanException.onField("minMarginPercent", "pricing.rule.error.margin");
        }
        if (r.getNote() != null && r.getNote().length() > PriceRule.NOTE_LENGTH) {
            throw KeyuanException.onField("note", "error.too-long", PriceRule.NOTE_LENGTH);
        }
    }

    private static void copy(PriceRule from, PriceRule to, String code) {
        to.setCode(code);
        to.setName(from.getName().strip());
        to.setTierId(from.getTierId());
        to.setScope(from.getScope());
        to.setCategoryId(from.getCategoryId());
        to.setProductId(from.getProductId());
        to.setMinQuantity(from.getMinQuantity());
        to.setProvince(from.getProvince());
        to.setCity(from.getCity());
        to.setValidFrom(from.getValidFrom());
        to.setValidTo(from.getValidTo());
        to.setKind(from.getKind());
        to.setValue(from.getValue());
        to.setRounding(from.getRounding());
        to.setMinMarginPercent(from.getMinMarginPercent());
        to.setPromotion(from.isPromotion());
        to.setPriority(from.getPriority());
        to.setActive(from.isActive());
        to.setNote(blankToNull(from.getNote()));
    }

    private static Specification<PriceRule> spec(RuleFilter filter) {
        RuleFilter f = filter == null ? RuleFilter.none() : filter;
        return (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            if (f.text() != null && !f.text().isBlank()) {
                String like = "%" + PricingLookups.escapeLike(f.text().strip().toLowerCase()) + "%";
                p.add(cb.or(
                        cb.like(cb.lower(root.get("code")), like, '\\'),
                        cb.like(cb.lower(root.get("name")), like, '\\')));
            }
            if (f.everyone()) {
                p.add(cb.isNull(root.get("tierId")));
            } else if (f.tierId() != null) {
                p.add(cb.equal(root.get("tierId"), f.tierId()));
            }
            if (f.scope() != null) {
                p.add(cb.equal(root.get("scope"), f.scope()));
            }
            if (f.kind() != null) {
                p.add(cb.equal(root.get("kind"), f.kind()));
            }
            if (f.promotion() != null) {
                p.add(cb.equal(root.get("promotion"), f.promotion()));
            }
            if (f.active() != null) {
                p.add(cb.equal(root.get("active"), f.active()));
            }
            if (f.validOn() != null) {
                p.add(cb.or(
                        cb.isNull(root.get("validFrom")), cb.lessThanOrEqualTo(root.get("validFrom"), f.validOn())));
                p.add(cb.or(cb.isNull(root.get("validTo")), cb.greaterThanOrEqualTo(root.get("validTo"), f.validOn())));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
