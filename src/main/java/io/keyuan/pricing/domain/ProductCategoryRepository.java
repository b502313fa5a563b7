package io.keyuan.pricing.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductCategoryRepository extends JpaRepository<ProductCategory, Long> {
    boolean existsByCodeIgnoreCase(String code);

    boolean existsByParentId(Long parentId);

    List<ProductCategory> findAllByOrderByNameAscIdAsc();
}
