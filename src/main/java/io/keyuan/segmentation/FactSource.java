package io.keyuan.segmentation;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * What a providing module knows about a set of customers, loaded in bulk for the in-memory evaluator (explain, the
 * property tests): one query per batch of at most 1,000 customer ids, never one per customer. Several
 * {@link ProvidedField}s may share one source (complaints feed both "open complaints" and "complaints in the last
 * N days"), so it is loaded once. {@link CustomerFacts#provided(FactSource)} hands a field its customer's part.
 *
 * @param key unique among the catalogue's sources, e.g. {@code "pipeline/open-deal-stages"}
 * @param loader reads the module's own tables; customers without data may be left out of its map
 */
public record FactSource<D>(String key, Loader<D> loader) {

    @FunctionalInterface
    public interface Loader<D> {
        /** The data of each of {@code customerIds} that has any, by customer id. */
        Map<Long, D> load(NamedParameterJdbcOperations jdbc, List<Long> customerIds);
    }
}
