package io.keyuan.customer.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The manager's thresholds for lifecycle and value; a single row with id 1. */
@Entity
@Table(name = "lifecycle_settings")
public class LifecycleSettings extends AuditedEntity {
    @Column(name = "new_days", nullable = false)
    private int newDays;

    @Column(name = "active_days", nullable = false)
    private int activeDays;

    @Column(name = "churn_days", nullable = false)
    private int churnDays;

    @Column(name = "high_value_spend", nullable = false, precision = 14, scale = 2)
    private BigDecimal highValueSpend;

    @Column(name = "value_window_days", nullable = false)
    private int valueWindowDays;

    public int getNewDays() {
        return newDays;
    }

    public void setNewDays(int newDays) {
        this.newDays = newDays;
    }

    public int getActiveDays() {
        return activeDays;
    }

    public void setActiveDays(int activeDays) {
        this.activeDays = activeDays;
    }

    public int getChurnDays() {
        return churnDays;
    }

    public void setChurnDays(int churnDays) {
        this.churnDays = churnDays;
    }

    public BigDecimal getHighValueSpend() {
        return highValueSpend;
    }

    public void setHighValueSpend(BigDecimal highValueSpend) {
        this.highValueSpend = highValueSpend;
    }

    public int getValueWindowDays() {
        return valueWindowDays;
    }

    public void setValueWindowDays(int valueWindowDays) {
        this.valueWindowDays = valueWindowDays;
    }
}
