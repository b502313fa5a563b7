package io.keyuan.pricing;

import io.keyuan.pricing.PricingLookups.Table;
import io.keyuan.pricing.domain.Bundle;
import io.keyuan.pricing.domain.BundleItem;
import io.keyuan.pricing.domain.BundleRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import io.keyuan.shared.db.StaleEdits;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Bundles (捆绑定价): staff read them, managers change them; every change drops the cached price book. */
@Service
@Transactional
public class BundleService {
    static final Map<String, ConstraintMessages.Meaning> CONSTRAINTS = Map.of(
            "uk_bundle_code", new ConstraintMessages.Meaning("code", "pricing.bundle.error.code-taken"),
            "fk_bundle_tier", new ConstraintMessages.Meaning("tier", "pricing.rule.error.unknown-tier"),
            "fk_bundle_item_product", new ConstraintMessages.Meaning("items", "pricing.rule.error.unknown-product"),
            "ck_bundle_value", new ConstraintMessages.Meaning("value", "pricing.rule.error.value"),
            "ck_bundle_dates", new ConstraintMessages.Meaning("validTo", "pricing.rule.error.dates"),
            "ck_bundle_item_quantity", new ConstraintMessages.Meaning("items", "pricing.bundle.error.quantity"));

    private final BundleRepository bundles;
    private final PricingLookups lookups;
    private final StaleEdits staleEdits;
    private final ApplicationEventPublisher events;
    private final jakarta.persistence.EntityManager entities;

    BundleService(
            BundleRepository bundles,
            PricingLookups lookups,
            StaleEdits staleEdits,
            ApplicationEventPublisher events,
            jakarta.persistence.EntityManager entities) {
        this.entities = entities;
        this.bundles = bundles;
        this.lookups = lookups;
        this.staleEdits = staleEdits;
        this.events = events;
    }

    /** Bundles whose code or name contains the text (all when blank). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<BundleRow> page(String text, Boolean active, Pageable pageable) {
        return rows(bundles.findAll(spec(text, active), pageable).getContent());
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(String text, Boolean active) {
        return bundles.count(spec(text, active));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public BundleRow get(long id) {
        return rows(List.of(bundles.findById(id).orElseThrow(() -> new NotFoundException("bundle", id))))
                .getFirst();
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public BundleRow save(BundleDraft d) {
        String code = check(d);
        boolean taken = d.id() == null
                ? bundles.existsByCodeIgnoreCase(code)
                : bundles.existsByCodeIgnoreCaseAndIdNot(code, d.id());
        if (taken) {
            throw KeyuanException.onField("code", "pricing.bundle.error.code-taken", code);
        }
        Bundle target;
        if (d.id() == null) {
            target = new Bundle();
        } else {
            target = bundles.findById(d.id()).orElseThrow(StaleEditException::deleted);
            if (target.getVersion() != d.version()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
            // a change of the items alone must still move the bundle's version, so that a second editor's save
            // over the old items is refused
            entities.lock(target, jakarta.persistence.LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        }
        target.setCode(code);
        target.setName(d.name().strip());
        target.setTierId(d.tierId());
        target.setKind(d.kind());
        target.setValue(d.value());
        target.setValidFrom(d.validFrom());
        target.setValidTo(d.validTo());
        target.setActive(d.active());
        target.replaceItems(d.items());
        try {
            Bundle saved = bundles.saveAndFlush(target);
            events.publishEvent(new PriceBookChanged("bundle " + saved.getCode()));
            return rows(List.of(saved)).getFirst();
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS, code);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("bundle", target.getId());
        }
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        Bundle bundle = bundles.findById(id).orElseThrow(StaleEditException::deleted);
        if (bundle.getVersion() != expectedVersion) {
            throw new StaleEditException(bundle.getUpdatedBy(), bundle.getUpdatedAt());
        }
        bundles.delete(bundle);
        bundles.flush();
        events.publishEvent(new PriceBookChanged("bundle " + bundle.getCode()));
    }

    /** The checks of a bundle, each on its field; returns the stripped code. */
    private String check(BundleDraft d) {
        if (d.code() == null || d.code().isBlank()) {
            throw KeyuanException.onField("code", "pricing.rule.error.required");
        }
        String code = d.code().strip();
        if (code.length() > Bundle.CODE_LENGTH) {
            throw KeyuanException.onField("code", "error.too-long", Bundle.CODE_LENGTH);
        }
        if (d.name() == null || d.name().isBlank()) {
            throw KeyuanException.onField("name", "pricing.rule.error.required");
        }
        if (d.name().strip().length() > Bundle.NAME_LENGTH) {
            throw KeyuanException.onField("name", "error.too-long", Bundle.NAME_LENGTH);
        }
        if (d.tierId() != null && lookups.byId(Table.TIER, d.tierId()).isEmpty()) {
            throw KeyuanException.onField("tier", "pricing.rule.error.unknown-tier");
        }
        if (d.kind() == null) {
            throw KeyuanException.onField("kind", "pricing.rule.error.required");
        }
        if (d.value() == null) {
            throw KeyuanException.onField("value", "pricing.rule.error.required");
        }
        if (d.value().signum() < 0) {
            throw KeyuanException.onField(
                    "value",
                    d.kind() == BundleKind.PRICE ? "pricing.rule.error.negative-price" : "pricing.rule.error.negative");
        }
        if (d.value().compareTo(PriceRuleService.MAX_VALUE) > 0
                || d.value().stripTrailingZeros().scale() > 4) {
            throw KeyuanException.onField("value", "pricing.rule.error.value");
        }
        if (d.kind() == BundleKind.PRICE && d.value().stripTrailingZeros().scale() > 2) {
            throw KeyuanException.onField("value", "pricing.rule.error.price-cents");
        }
        if (d.kind() == BundleKind.DISCOUNT && d.value().compareTo(PriceRuleService.HUNDRED) > 0) {
            throw KeyuanException.onField("value", "pricing.rule.error.percent-over-100");
        }
        if (d.validFrom() != null && d.validTo() != null && d.validTo().isBefore(d.validFrom())) {
            throw KeyuanException.onField("validTo", "pricing.rule.error.dates", d.validFrom(), d.validTo());
        }
        Map<Long, Integer> items = d.items() == null ? Map.of() : d.items();
        if (items.isEmpty()) {
            throw KeyuanException.onField("items", "pricing.bundle.error.no-items");
        }
        Map<Long, PickItem> products = lookups.byIds(Table.PRODUCT, items.keySet());
        long units = 0;
        for (var e : items.entrySet()) {
            if (e.getKey() == null || !products.containsKey(e.getKey())) {
                throw KeyuanException.onField("items", "pricing.rule.error.unknown-product");
            }
            if (e.getValue() == null || e.getValue() < 1) {
                throw KeyuanException.onField(
                        "items",
                        "pricing.bundle.error.quantity",
                        products.get(e.getKey()).code());
            }
            units += e.getValue();
        }
        if (units < 2) {
            throw KeyuanException.onField("items", "pricing.bundle.error.too-small");
        }
        return code;
    }

    private List<BundleRow> rows(List<Bundle> found) {
        Map<Long, PickItem> tiers =
                lookups.byIds(Table.TIER, found.stream().map(Bundle::getTierId).toList());
        Map<Long, PickItem> products = lookups.byIds(
                Table.PRODUCT,
                found.stream()
                        .flatMap(b -> b.getItems().stream())
                        .map(BundleItem::getProductId)
                        .toList());
        return found.stream()
                .map(b -> new BundleRow(
                        b.getId(),
                        b.getVersion(),
                        b.getCode(),
                        b.getName(),
                        tiers.get(b.getTierId()),
                        b.getKind(),
                        b.getValue(),
                        b.getValidFrom(),
                        b.getValidTo(),
                        b.isActive(),
                        b.getItems().stream()
                                .map(i -> new BundleRow.Line(
                                        products.getOrDefault(
                                                i.getProductId(), new PickItem(i.getProductId(), "?", "?")),
                                        i.getQuantity()))
                                .sorted(Comparator.comparing(l -> l.product().code()))
                                .toList(),
                        b.getUpdatedBy(),
                        b.getUpdatedAt()))
                .toList();
    }

    private static Specification<Bundle> spec(String text, Boolean active) {
        return (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            if (text != null && !text.isBlank()) {
                String like = "%" + PricingLookups.escapeLike(text.strip().toLowerCase()) + "%";
                p.add(cb.or(
                        cb.like(cb.lower(root.get("code")), like, '\\'),
                        cb.like(cb.lower(root.get("name")), like, '\\')));
            }
            if (active != null) {
                p.add(cb.equal(root.get("active"), active));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
    }
}
