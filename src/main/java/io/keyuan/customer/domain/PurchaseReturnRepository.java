package io.keyuan.customer.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PurchaseReturnRepository extends JpaRepository<PurchaseReturn, Long> {
    List<PurchaseReturn> findByPurchaseIdOrderByReturnDateAscIdAsc(long purchaseId);

    long countByPurchaseId(long purchaseId);
}
