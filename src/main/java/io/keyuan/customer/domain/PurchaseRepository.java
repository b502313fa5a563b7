package io.keyuan.customer.domain;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PurchaseRepository extends JpaRepository<Purchase, Long> {
    List<Purchase> findByCustomerIdOrderByPurchaseDateDescIdDesc(long customerId, Pageable pageable);

    long countByCustomerId(long customerId);
}
