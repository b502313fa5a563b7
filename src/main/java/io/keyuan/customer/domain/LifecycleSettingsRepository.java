package io.keyuan.customer.domain;

import org.springframework.data.jpa.repository.JpaRepository;

public interface LifecycleSettingsRepository extends JpaRepository<LifecycleSettings, Long> {}
