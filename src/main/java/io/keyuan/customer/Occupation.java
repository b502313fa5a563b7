package io.keyuan.customer;

/** 职业. */
public enum Occupation {
    STUDENT,
    OFFICE_WORKER,
    GOVERNMENT,
    FREELANCER,
    BUSINESS_OWNER,
    TEACHER,
    MEDICAL,
    WORKER,
    FARMER,
    RETIRED,
    OTHER
}
