package io.keyuan.pricing;

import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobRequest;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** The price book's exports as jobs: one sheet (products, categories, tiers, rules) or the price matrix. */
public final class PricingExportJobs {
    public static final String SHEET = "pricing-export";
    public static final String MATRIX = "price-matrix-export";

    private PricingExportJobs() {}

    /** Which sheet of the price book. */
    public enum Sheet {
        CATEGORIES,
        PRODUCTS,
        TIERS,
        RULES
    }

    public record SheetParameters(Sheet sheet, String language, String fileName) implements ExportJob.Parameters {}

    /** The matrix as of {@code date} in a region (province / city null = national). */
    public record MatrixParameters(LocalDate date, String province, String city, String language, String fileName)
            implements ExportJob.Parameters {}

    /** The request a view submits for a sheet, in the user's language. */
    public static JobRequest sheet(Sheet sheet, Locale locale) {
        String file = switch (sheet) {
            case CATEGORIES -> "product-categories.xlsx";
            case PRODUCTS -> "products.xlsx";
            case TIERS -> "price-tiers.xlsx";
            case RULES -> "price-rules.xlsx";
        };
        return ExportJob.request(SHEET, new SheetParameters(sheet, locale.toLanguageTag(), file), null);
    }

    public static JobRequest matrix(LocalDate date, String province, String city, Locale locale) {
        return ExportJob.request(
                MATRIX,
                new MatrixParameters(date, province, city, locale.toLanguageTag(), "price-matrix-" + date + ".xlsx"),
                null);
    }

    @Component
    static class SheetJob extends ExportJob<SheetParameters> {
        private final PricingExport export;

        SheetJob(PricingExport export) {
            super(SheetParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return SHEET;
        }

        @Override
        protected long write(
                SheetParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return switch (p.sheet()) {
                case CATEGORIES -> export.exportCategories(locale, out, progress, cancelled);
                case PRODUCTS -> export.exportProducts(locale, out, progress, cancelled);
                case TIERS -> export.exportTiers(locale, out, progress, cancelled);
                case RULES -> export.exportRules(locale, out, progress, cancelled);
            };
        }
    }

    @Component
    static class MatrixJob extends ExportJob<MatrixParameters> {
        private final PricingExport export;

        MatrixJob(PricingExport export) {
            super(MatrixParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return MATRIX;
        }

        @Override
        protected long write(
                MatrixParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return export.priceMatrix(p.date(), p.province(), p.city(), locale, out, progress, cancelled);
        }
    }
}
