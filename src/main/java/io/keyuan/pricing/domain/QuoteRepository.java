package io.keyuan.pricing.domain;

import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface QuoteRepository extends JpaRepository<Quote, Long> {
    /** The quote with its lines in one query. */
    @EntityGraph(attributePaths = "lines")
    @Query("SELECT q FROM Quote q WHERE q.id = :id")
    Optional<Quote> findWithLines(@Param("id") long id);
}
