package io.keyuan.pricing;

import io.keyuan.pricing.domain.Product;
import io.keyuan.pricing.domain.ProductCategory;
import io.keyuan.pricing.domain.ProductCategoryRepository;
import io.keyuan.pricing.domain.ProductRepository;
import io.keyuan.shared.Amounts;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import io.keyuan.shared.db.StaleEdits;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue: a small tree of categories and the products in it. Staff read, managers change. */
@Service
@Transactional
public class CatalogueService {
    static final Map<String, ConstraintMessages.Meaning> PRODUCT_CONSTRAINTS = Map.of(
            "uk_product_code", new ConstraintMessages.Meaning("code", "pricing.catalogue.error.code-taken"),
            "fk_product_category",
                    new ConstraintMessages.Meaning("categoryId", "pricing.catalogue.error.category-gone"),
            "ck_product_list_price", new ConstraintMessages.Meaning("listPrice", "rule.amount-negative"),
            "ck_product_cost", new ConstraintMessages.Meaning("cost", "rule.amount-negative"));
    static final Map<String, ConstraintMessages.Meaning> CATEGORY_CONSTRAINTS = Map.of(
            "uk_product_category_code", new ConstraintMessages.Meaning("code", "pricing.catalogue.error.code-taken"),
            "fk_product_category_parent",
                    new ConstraintMessages.Meaning("parentId", "pricing.catalogue.error.category-gone"));

    private final ProductRepository products;
    private final ProductCategoryRepository categories;
    private final JdbcTemplate jdbc;
    private final StaleEdits staleEdits;
    private final ApplicationEventPublisher events;

    CatalogueService(
            ProductRepository products,
            ProductCategoryRepository categories,
            JdbcTemplate jdbc,
            StaleEdits staleEdits,
            ApplicationEventPublisher events) {
        this.products = products;
        this.categories = categories;
        this.jdbc = jdbc;
        this.staleEdits = staleEdits;
        this.events = events;
    }

    // ---- categories

    /** The whole tree, depth-first, children by name; a catalogue's categories number in the tens or hundreds. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CategoryRow> categories() {
        List<ProductCategory> all = categories.findAllByOrderByNameAscIdAsc();
        Map<Long, Long> counts = new HashMap<>();
        jdbc.query("SELECT category_id, COUNT(*) FROM product GROUP BY category_id", rs -> {
            counts.put(rs.getLong(1), rs.getLong(2));
        });
        Map<Long, List<ProductCategory>> byParent = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        all.forEach(c -> ids.add(c.getId()));
        for (ProductCategory c : all) {
            Long parent = c.getParentId() != null && ids.contains(c.getParentId()) ? c.getParentId() : null;
            byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(c);
        }
        List<CategoryRow> rows = new ArrayList<>();
        walk(byParent, null, 0, "", counts, rows, new HashSet<>());
        return rows;
    }

    private static void walk(
            Map<Long, List<ProductCategory>> byParent,
            Long parent,
            int depth,
            String path,
            Map<Long, Long> counts,
            List<CategoryRow> rows,
            Set<Long> seen) {
        for (ProductCategory c : byParent.getOrDefault(parent, List.of())) {
            if (!seen.add(c.getId())) {
                continue;
            }
            String p = path.isEmpty() ? c.getName() : path + " › " + c.getName();
            rows.add(new CategoryRow(
                    c.getId(),
                    c.getCode(),
                    c.getName(),
                    c.getParentId(),
                    depth,
                    p,
                    c.getVersion(),
                    counts.getOrDefault(c.getId(), 0L)));
            walk(byParent, c.getId(), depth + 1, p, counts, rows, seen);
        }
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public CategoryRow createCategory(String code, String name, Long parentId) {
        String c = required("code", code, ProductCategory.CODE_LENGTH);
        String n = required("name", name, ProductCategory.NAME_LENGTH);
        if (categories.existsByCodeIgnoreCase(c)) {
            throw KeyuanException.onField("code", "pricing.catalogue.error.code-taken", c);
        }
        if (parentId != null && !categories.existsById(parentId)) {
            throw KeyuanException.onField("parentId", "pricing.catalogue.error.category-gone");
        }
        ProductCategory category = new ProductCategory();
        category.setCode(c);
        category.setName(n);
        category.setParentId(parentId);
        ProductCategory saved = saveCategory(category, c);
        return row(saved.getId());
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public CategoryRow renameCategory(long id, long expectedVersion, String name) {
        ProductCategory category = category(id, expectedVersion);
        category.setName(required("name", name, ProductCategory.NAME_LENGTH));
        saveCategory(category, category.getCode());
        return row(id);
    }

    /** Moves a category under another (null = to the top); never under itself or one of its own descendants. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public CategoryRow moveCategory(long id, long expectedVersion, Long newParentId) {
        ProductCategory category = category(id, expectedVersion);
        if (newParentId != null) {
            if (!categories.existsById(newParentId)) {
                throw KeyuanException.onField("parentId", "pricing.catalogue.error.category-gone");
            }
            if (descendantsAndSelf(id).contains(newParentId)) {
                throw KeyuanException.onField("parentId", "pricing.catalogue.error.category-cycle", category.getName());
            }
        }
        category.setParentId(newParentId);
        saveCategory(category, category.getCode());
        return row(id);
    }

    /** Deletes an empty leaf; a category with products or sub-categories is refused, saying which. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void deleteCategory(long id, long expectedVersion) {
        ProductCategory category = category(id, expectedVersion);
        long used = products.countByCategoryId(id);
        if (used > 0) {
            throw new KeyuanException("pricing.catalogue.error.category-has-products", category.getName(), used);
        }
        if (categories.existsByParentId(id)) {
            throw new KeyuanException("pricing.catalogue.error.category-has-children", category.getName());
        }
        try {
            categories.delete(category);
            categories.flush();
        } catch (DataIntegrityViolationException e) {
            throw new KeyuanException("pricing.catalogue.error.category-in-use", category.getName());
        }
        changed("category");
    }

    private ProductCategory category(long id, long expectedVersion) {
        ProductCategory category = categories.findById(id).orElseThrow(StaleEditException::deleted);
        if (category.getVersion() != expectedVersion) {
            throw new StaleEditException(category.getUpdatedBy(), category.getUpdatedAt());
        }
        return category;
    }

    private ProductCategory saveCategory(ProductCategory category, String code) {
        try {
            ProductCategory saved = categories.saveAndFlush(category);
            changed("category");
            return saved;
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CATEGORY_CONSTRAINTS, code);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("product_category", category.getId());
        }
    }

    private CategoryRow row(long id) {
        return categories().stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("product-category", id));
    }

    /** The category and every category below it. */
    private Set<Long> descendantsAndSelf(long id) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (ProductCategory c : categories.findAll()) {
            if (c.getParentId() != null) {
                children.computeIfAbsent(c.getParentId(), k -> new ArrayList<>())
                        .add(c.getId());
            }
        }
        Set<Long> out = new HashSet<>();
        List<Long> todo = new ArrayList<>(List.of(id));
        while (!todo.isEmpty()) {
            Long next = todo.removeLast();
            if (out.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return out;
    }

    // ---- products

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<Product> page(ProductFilter filter, Pageable pageable) {
        return products.findAll(spec(filter), pageable).getContent();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(ProductFilter filter) {
        return products.count(spec(filter));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Product get(long id) {
        return products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
    }

    /** Creates or updates a product; an update over a newer version is refused. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Product save(Product edited) {
        String code = required("code", edited.getCode(), Product.CODE_LENGTH);
        String name = required("name", edited.getName(), Product.NAME_LENGTH);
        String unit = required("unit", edited.getUnit(), Product.UNIT_LENGTH);
        if (edited.getCategoryId() == null) {
            throw KeyuanException.onField("categoryId", "validation.required");
        }
        BigDecimal listPrice = money("listPrice", edited.getListPrice());
        BigDecimal cost = money("cost", edited.getCost());
        String description = blankToNull(edited.getDescription());
        if (description != null && description.length() > Product.DESCRIPTION_LENGTH) {
            throw KeyuanException.onField("description", "error.too-long", Product.DESCRIPTION_LENGTH);
        }
        boolean taken = edited.isNew()
                ? products.existsByCodeIgnoreCase(code)
                : products.existsByCodeIgnoreCaseAndIdNot(code, edited.getId());
        if (taken) {
            throw KeyuanException.onField("code", "pricing.catalogue.error.code-taken", code);
        }
        if (!categories.existsById(edited.getCategoryId())) {
            throw KeyuanException.onField("categoryId", "pricing.catalogue.error.category-gone");
        }
        Product target;
        if (edited.isNew()) {
            target = new Product();
        } else {
            target = products.findById(edited.getId()).orElseThrow(StaleEditException::deleted);
            if (target.getVersion() != edited.getVersion()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
        }
        target.setCode(code);
        target.setName(name);
        target.setUnit(unit);
        target.setCategoryId(edited.getCategoryId());
        target.setListPrice(listPrice.setScale(Product.MONEY_SCALE));
        target.setCost(cost.setScale(Product.MONEY_SCALE));
        target.setActive(edited.isActive());
        target.setDescription(description);
        try {
            Product saved = products.saveAndFlush(target);
            changed("product");
            return saved;
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, PRODUCT_CONSTRAINTS, code);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("product", target.getId());
        }
    }

    /** How many saved quote lines name the product: such a product cannot be deleted, only archived. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long quoteLines(long productId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quote_line WHERE product_id = ?", Long.class, productId);
        return n == null ? 0 : n;
    }

    /**
     * Deletes a product no saved quote, rule or bundle names; otherwise refuses, with the number of quote lines, and
     * the view offers {@link #archive} instead.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        Product product = products.findById(id).orElseThrow(StaleEditException::deleted);
        if (product.getVersion() != expectedVersion) {
            throw new StaleEditException(product.getUpdatedBy(), product.getUpdatedAt());
        }
        long lines = quoteLines(id);
        if (lines > 0) {
            throw new KeyuanException("pricing.catalogue.error.product-in-quotes", product.getCode(), lines);
        }
        try {
            products.delete(product);
            products.flush();
        } catch (DataIntegrityViolationException e) {
            throw new KeyuanException("pricing.catalogue.error.product-in-use", product.getCode());
        }
        changed("product");
    }

    /** Takes a product out of sale (active = false); quotes and rules that name it keep it. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Product archive(long id) {
        Product product = get(id);
        if (product.isActive()) {
            product.setActive(false);
            product = products.saveAndFlush(product);
            changed("product");
        }
        return product;
    }

    private Specification<Product> spec(ProductFilter filter) {
        ProductFilter f = filter == null ? ProductFilter.none() : filter;
        Set<Long> inCategory = f.categoryId() == null ? null : descendantsAndSelf(f.categoryId());
        return (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            if (f.text() != null && !f.text().isBlank()) {
                String like = "%" + escapeLike(f.text().strip().toLowerCase()) + "%";
                p.add(cb.or(
                        cb.like(cb.lower(root.get("code")), like, '\\'),
                        cb.like(cb.lower(root.get("name")), like, '\\')));
            }
            if (inCategory != null) {
                p.add(root.get("categoryId").in(inCategory));
            }
            if (f.active() != null) {
                p.add(cb.equal(root.get("active"), f.active()));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
    }

    private void changed(String what) {
        events.publishEvent(new PriceBookChanged(what));
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw KeyuanException.onField(field, "validation.required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw KeyuanException.onField(field, "error.too-long", max);
        }
        return v;
    }

    private static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            throw KeyuanException.onField(field, "validation.required");
        }
        try {
            return Amounts.money(value);
        } catch (KeyuanException e) {
            throw KeyuanException.onField(field, e.messageKey(), e.args());
        }
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
