package io.keyuan.pricing;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import java.util.List;

/**
 * The price book as sheets: categories, products, tiers and rules, each matched by its code. References name a
 * code (a product's category, a rule's tier / category / product); a blank tier on a rule means everyone.
 */
public final class PricingSheets {
    public static final SheetSchema CATEGORIES = new SheetSchema(
            "product-categories",
            List.of(
                    SheetColumn.of("code", "分类编码", "分類編碼", "Category code", ColumnType.TEXT, true, 32),
                    SheetColumn.of("name", "分类名称", "分類名稱", "Category name", ColumnType.TEXT, true, 100),
                    SheetColumn.of("parent", "上级分类", "上級分類", "Parent category", ColumnType.TEXT, false, 32)),
            List.of("code"));

    public static final SheetSchema PRODUCTS = new SheetSchema(
            "products",
            List.of(
                    SheetColumn.of("code", "产品编码", "產品編碼", "Product code", ColumnType.TEXT, true, 32)
                            .alsoCalled("编码", "編碼", "Code", "SKU"),
                    SheetColumn.of("name", "产品名称", "產品名稱", "Product name", ColumnType.TEXT, true, 100)
                            .alsoCalled("名称", "名稱", "Name"),
                    SheetColumn.of("category", "分类", "分類", "Category", ColumnType.TEXT, true, 32)
                            .alsoCalled("分类编码", "分類編碼", "Category code"),
                    SheetColumn.of("unit", "单位", "單位", "Unit", ColumnType.TEXT, true, 16),
                    SheetColumn.of("listPrice", "标价", "標價", "List price", ColumnType.DECIMAL, true, 16)
                            .alsoCalled("价格", "價格", "Price", "零售价", "零售價")
                            .checkedBy(io.keyuan.shared.Amounts::cell),
                    SheetColumn.of("cost", "成本", "成本", "Cost", ColumnType.DECIMAL, true, 16)
                            .checkedBy(io.keyuan.shared.Amounts::cell),
                    SheetColumn.of("active", "启用", "啟用", "Active", ColumnType.BOOLEAN, false, 5)
                            .byDefault(Boolean.TRUE),
                    SheetColumn.of("description", "说明", "說明", "Description", ColumnType.TEXT, false, 500)),
            List.of("code"));

    public static final SheetSchema TIERS = new SheetSchema(
            "price-tiers",
            List.of(
                    SheetColumn.of("code", "等级编码", "等級編碼", "Tier code", ColumnType.TEXT, true, 32),
                    SheetColumn.of("name", "价格等级", "價格等級", "Price tier", ColumnType.TEXT, true, 100)
                            .alsoCalled("名称", "名稱", "Name"),
                    SheetColumn.of("priority", "优先顺序", "優先順序", "Priority", ColumnType.INTEGER, true, 6),
                    SheetColumn.of("description", "说明", "說明", "Description", ColumnType.TEXT, false, 500)),
            List.of("code"));

    public static final SheetSchema RULES = new SheetSchema(
            "price-rules",
            List.of(
                    SheetColumn.of("code", "规则编码", "規則編碼", "Rule code", ColumnType.TEXT, true, 32),
                    SheetColumn.of("name", "规则名称", "規則名稱", "Rule name", ColumnType.TEXT, true, 100),
                    SheetColumn.of("tier", "价格等级", "價格等級", "Price tier", ColumnType.TEXT, false, 32),
                    SheetColumn.ofEnum("scope", "适用范围", "適用範圍", "Scope", true, RuleScope.class),
                    SheetColumn.of("category", "分类", "分類", "Category", ColumnType.TEXT, false, 32),
                    SheetColumn.of("product", "产品", "產品", "Product", ColumnType.TEXT, false, 32),
                    SheetColumn.of("minQuantity", "起订数量", "起訂數量", "Minimum quantity", ColumnType.INTEGER, false, 9)
                            .byDefault(1L),
                    SheetColumn.of("province", "省份", "省份", "Province", ColumnType.TEXT, false, 32),
                    SheetColumn.of("city", "城市", "城市", "City", ColumnType.TEXT, false, 32),
                    SheetColumn.of("validFrom", "生效日期", "生效日期", "Valid from", ColumnType.DATE, false, 10),
                    SheetColumn.of("validTo", "截止日期", "截止日期", "Valid to", ColumnType.DATE, false, 10),
                    SheetColumn.ofEnum("kind", "定价方式", "定價方式", "Kind", true, RuleKind.class),
                    SheetColumn.of("value", "数值", "數值", "Value", ColumnType.DECIMAL, true, 16),
                    SheetColumn.ofEnum("rounding", "取整", "取整", "Rounding", false, Rounding.class)
                            .byDefault("CENT"),
                    SheetColumn.of("minMargin", "最低毛利率%", "最低毛利率%", "Minimum margin %", ColumnType.DECIMAL, false, 6),
                    SheetColumn.of("promotion", "促销", "促銷", "Promotion", ColumnType.BOOLEAN, false, 5)
                            .byDefault(Boolean.FALSE),
                    SheetColumn.of("priority", "优先级", "優先級", "Priority", ColumnType.INTEGER, false, 6)
                            .byDefault(100L),
                    SheetColumn.of("active", "启用", "啟用", "Active", ColumnType.BOOLEAN, false, 5)
                            .byDefault(Boolean.TRUE),
                    SheetColumn.of("note", "备注", "備註", "Note", ColumnType.TEXT, false, 500)),
            List.of("code"));

    private PricingSheets() {}
}
