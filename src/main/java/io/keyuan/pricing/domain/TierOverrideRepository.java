package io.keyuan.pricing.domain;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TierOverrideRepository extends JpaRepository<TierOverride, Long> {
    long countByTierId(Long tierId);
}
