package io.parley.routing.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What the business knows about a customer (from its CRM, set through the admin API), for routing rules. */
public record ContactProfile(LocalDate customerSince, String companyType, String plan, List<String> products) {

    public static final ContactProfile UNKNOWN = new ContactProfile(null, null, null, List.of());

    public ContactProfile {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** Whole days a customer has been one at {@code now}; null when unknown. */
    public Long tenureDays(Instant now) {
        return customerSince == null ? null
                : ChronoUnit.DAYS.between(customerSince, now.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
