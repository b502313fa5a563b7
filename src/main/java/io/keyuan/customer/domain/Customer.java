package io.keyuan.customer.domain;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.customer.CustomerKind;
import io.keyuan.customer.Gender;
import io.keyuan.customer.Loyalty;
import io.keyuan.customer.NeedType;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.PurchaseStyle;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A customer (客户). Lifecycle, value and RFM live in customer_metrics, written by SQL aggregates only. */
@Entity
@Table(name = "customer")
public class Customer extends AuditedEntity {
    public static final int CODE_LENGTH = 32;
    public static final String CODE_PATTERN = "[A-Za-z0-9_-]{1,32}";
    public static final int NAME_LENGTH = 100;
    public static final int PLACE_LENGTH = 32;
    public static final int PHONE_LENGTH = 32;
    public static final int EMAIL_LENGTH = 254;
    public static final int TAGS_LENGTH = 500;
    public static final int NOTES_LENGTH = 4000;

    @Size(max = CODE_LENGTH)
    @Pattern(regexp = CODE_PATTERN, message = "{customer.validation.code}")
    @Column(name = "code", nullable = false, length = CODE_LENGTH, updatable = true)
    private String code;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    /** The name in pinyin and its initials, for the quick search; spelt on every save (see {@link #spell()}). */
    @Column(name = "name_pinyin", nullable = true, length = io.keyuan.customer.NamePinyin.FULL_LENGTH)
    private String namePinyin;

    @Column(name = "name_initials", nullable = true, length = io.keyuan.customer.NamePinyin.INITIALS_LENGTH)
    private String nameInitials;

    @Column(name = "pinyin_crc", nullable = true)
    private Long pinyinCrc;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private CustomerKind kind = CustomerKind.PERSON;

    @Enumerated(EnumType.STRING)
    @Column(name = "gender", nullable = true, length = 8)
    private Gender gender;

    @Past
    @Column(name = "birth_date", nullable = true)
    private LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "occupation", nullable = true, length = 32)
    private Occupation occupation;

    @PositiveOrZero
    @DecimalMax("999999999999.99")
    @Digits(integer = 12, fraction = 2)
    @Column(name = "income", nullable = true, precision = 14, scale = 2)
    private BigDecimal income;

    @Size(max = PLACE_LENGTH)
    @Column(name = "province", nullable = true, length = PLACE_LENGTH)
    private String province;

    @Size(max = PLACE_LENGTH)
    @Column(name = "city", nullable = true, length = PLACE_LENGTH)
    private String city;

    @Size(max = PHONE_LENGTH)
    @Column(name = "phone", nullable = true, length = PHONE_LENGTH)
    private String phone;

    @Size(max = EMAIL_LENGTH)
    @Email
    @Column(name = "email", nullable = true, length = EMAIL_LENGTH)
    private String email;

    @Column(name = "source_channel_id", nullable = true)
    private Long sourceChannelId;

    @Enumerated(EnumType.STRING)
    @Column(name = "acquisition_method", nullable = true, length = 16)
    private AcquisitionMethod acquisitionMethod;

    @Column(name = "referred_by_id", nullable = true)
    private Long referredById;

    @Enumerated(EnumType.STRING)
    @Column(name = "need_type", nullable = true, length = 16)
    private NeedType needType;

    @Enumerated(EnumType.STRING)
    @Column(name = "purchase_style", nullable = true, length = 16)
    private PurchaseStyle purchaseStyle;

    @Enumerated(EnumType.STRING)
    @Column(name = "loyalty", nullable = true, length = 16)
    private Loyalty loyalty;

    @Size(max = TAGS_LENGTH)
    @Column(name = "tags", nullable = true, length = TAGS_LENGTH)
    private String tags;

    @Size(max = NOTES_LENGTH)
    @Column(name = "notes", nullable = true, columnDefinition = "TEXT")
    private String notes;

    @Column(name = "owner_id", nullable = true)
    private Long ownerId;

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getName() {
        return name;
    }

    @jakarta.persistence.PrePersist
    @jakarta.persistence.PreUpdate
    void spell() {
        io.keyuan.customer.NamePinyin p = io.keyuan.customer.NamePinyin.of(name);
        namePinyin = p.full();
        nameInitials = p.initials();
        pinyinCrc = name == null ? null : p.crc();
    }

    public void setName(String name) {
        this.name = name;
    }

    public CustomerKind getKind() {
        return kind;
    }

    public void setKind(CustomerKind kind) {
        this.kind = kind;
    }

    public Gender getGender() {
        return gender;
    }

    public void setGender(Gender gender) {
        this.gender = gender;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(LocalDate birthDate) {
        this.birthDate = birthDate;
    }

    public Occupation getOccupation() {
        return occupation;
    }

    public void setOccupation(Occupation occupation) {
        this.occupation = occupation;
    }

    public BigDecimal getIncome() {
        return income;
    }

    public void setIncome(BigDecimal income) {
        this.income = income;
    }

    public String getProvince() {
        return province;
    }

    public void setProvince(String province) {
        this.province = province;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Long getSourceChannelId() {
        return sourceChannelId;
    }

    public void setSourceChannelId(Long sourceChannelId) {
        this.sourceChannelId = sourceChannelId;
    }

    public AcquisitionMethod getAcquisitionMethod() {
        return acquisitionMethod;
    }

    public void setAcquisitionMethod(AcquisitionMethod acquisitionMethod) {
        this.acquisitionMethod = acquisitionMethod;
    }

    public Long getReferredById() {
        return referredById;
    }

    public void setReferredById(Long referredById) {
        this.referredById = referredById;
    }

    public NeedType getNeedType() {
        return needType;
    }

    public void setNeedType(NeedType needType) {
        this.needType = needType;
    }

    public PurchaseStyle getPurchaseStyle() {
        return purchaseStyle;
    }

    public void setPurchaseStyle(PurchaseStyle purchaseStyle) {
        this.purchaseStyle = purchaseStyle;
    }

    public Loyalty getLoyalty() {
        return loyalty;
    }

    public void setLoyalty(Loyalty loyalty) {
        this.loyalty = loyalty;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(Long ownerId) {
        this.ownerId = ownerId;
    }
}
