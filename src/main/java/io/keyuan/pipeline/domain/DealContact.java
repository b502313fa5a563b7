package io.keyuan.pipeline.domain;

import io.keyuan.pipeline.ContactRole;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A person on a deal and their role; saved with the deal, under its version. */
@Embeddable
public class DealContact {
    public static final int NAME_LENGTH = 100;
    public static final int PHONE_LENGTH = 32;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private ContactRole role;

    @Size(max = PHONE_LENGTH)
    @Column(name = "phone", length = PHONE_LENGTH)
    private String phone;

    public DealContact() {}

    public DealContact(String name, ContactRole role, String phone) {
        this.name = name;
        this.role = role;
        this.phone = phone;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ContactRole getRole() {
        return role;
    }

    public void setRole(ContactRole role) {
        this.role = role;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
