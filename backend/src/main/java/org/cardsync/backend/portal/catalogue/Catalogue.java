package org.cardsync.backend.portal.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import org.cardsync.protocol.ActionPayload.LoadApplicationBlock;
import org.cardsync.protocol.ApplicationLoad;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The issuer's catalogue: what each card application is to its holder (product, currency), what its parameter
 * slots mean, and the services a customer may add. Read once at start from {@code cardsync.portal.catalogue}
 * (docs/api.md, "Catalogue"); an invalid catalogue stops the start.
 */
@JsonIgnoreProperties({"_comment"})
public record Catalogue(@NotNull List<@Valid @NotNull Product> applications,
                        @NotNull List<@Valid @NotNull ServiceSpec> services) {

    /** The catalogue of a backend given none: every application is uncatalogued. */
    public static final Catalogue EMPTY = new Catalogue(List.of(), List.of());

    /** What an application not in the catalogue shows: a neutral name and no currency (ISO 4217 "XXX"). */
    static final Product UNCATALOGUED = new Product("", "Card application", new Currency("XXX", 0), List.of());

    public Catalogue {
        applications = List.copyOf(applications);
        services = List.copyOf(services);
    }

    /** The product an AID is, or the neutral uncatalogued one. */
    public Product product(String aid) {
        return applications.stream().filter(p -> p.aid().equalsIgnoreCase(aid)).findFirst().orElse(UNCATALOGUED);
    }

    public Optional<ServiceSpec> service(String serviceId) {
        return services.stream().filter(s -> s.serviceId().equals(serviceId)).findFirst();
    }

    public Optional<ServiceSpec> serviceByAppId(int appId) {
        return services.stream().filter(s -> s.appId() == appId).findFirst();
    }

    /** A currency as ISO 4217 gives it: its code and how many minor units a major unit has (10^minorUnits). */
    public record Currency(
            @Schema(required = true, description = "ISO 4217 code, e.g. EUR") @NotNull @Pattern(regexp = "[A-Z]{3}") String code,
            @Schema(required = true, description = "decimal places of the minor unit (EUR: 2)") @Min(0) @Max(4) int minorUnits) {

        /** An amount in minor units as the customer reads it: "12.50 EUR". */
        public String format(long minorUnitAmount) {
            return java.math.BigDecimal.valueOf(minorUnitAmount, minorUnits).toPlainString() + " " + code;
        }
    }

    /** One application (AID): its name for the customer, its purse's currency, its parameter slots. */
    public record Product(@NotNull @Pattern(regexp = "([0-9a-f]{2}){5,16}") String aid, @NotBlank String productName,
                          @NotNull @Valid Currency currency, @NotNull List<@Valid @NotNull ParameterSpec> parameters) {
        public Product {
            parameters = List.copyOf(parameters);
        }

        public Optional<ParameterSpec> parameter(int slot) {
            return parameters.stream().filter(p -> p.slot() == slot).findFirst();
        }
    }

    /** A service (an application record loaded by LOAD_APPLICATION, protocol.md 6.3) a customer may add. */
    public record ServiceSpec(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") String serviceId, @NotBlank String name,
                              @NotBlank String description,
                              @Min(0) @Max(LoadApplicationBlock.MAX_APP_ID) int appId,
                              @NotNull @Pattern(regexp = "([0-9a-f]{2}){1," + ApplicationLoad.MAX_RECORD_LENGTH + "}")
                              String record) {
    }
}
