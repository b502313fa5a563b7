package io.keyuan.customer;

import io.keyuan.shared.jobs.ExportJob;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * The customer list's export as a job: the grid's filter and sort as they were when the user clicked, so that a
 * retry writes the same customers in the same order.
 */
@Component
public class CustomerExportJob extends ExportJob<CustomerExportJob.Parameters> {
    public static final String KIND = "customer-export";

    /** The grid's filter and sort, the user's language and the file name. */
    public record Parameters(CustomerFilter filter, CustomerSort sort, String language, String fileName)
            implements ExportJob.Parameters {}

    private final CustomerExport export;
    private final CustomerService customers;

    CustomerExportJob(CustomerExport export, CustomerService customers) {
        super(Parameters.class);
        this.export = export;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    protected long expectedRows(Parameters p) {
        return customers.count(p.filter() == null ? CustomerFilter.none() : p.filter());
    }

    @Override
    protected long write(
            Parameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        CustomerFilter filter = p.filter() == null ? CustomerFilter.none() : p.filter();
        return export.export(filter, p.sort(), locale, out, progress, cancelled);
    }
}
