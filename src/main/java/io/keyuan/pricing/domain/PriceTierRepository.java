package io.keyuan.pricing.domain;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PriceTierRepository extends JpaRepository<PriceTier, Long> {
    List<PriceTier> findAllByOrderByPriorityAsc();

    Optional<PriceTier> findFirstByPriorityLessThanOrderByPriorityDesc(int priority);

    Optional<PriceTier> findFirstByPriorityGreaterThanOrderByPriorityAsc(int priority);

    @Query("select coalesce(max(t.priority), 0) from PriceTier t")
    int maxPriority();

    boolean existsByCodeIgnoreCaseAndIdNot(String code, Long id);

    boolean existsByNameIgnoreCaseAndIdNot(String name, Long id);

    boolean existsByPriorityAndIdNot(int priority, Long id);
}
