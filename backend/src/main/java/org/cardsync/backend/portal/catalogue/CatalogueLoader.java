package org.cardsync.backend.portal.catalogue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cardsync.backend.config.CardsyncConfig;

/**
 * Reads the catalogue named by {@code cardsync.portal.catalogue} once, strictly (unknown fields, duplicate keys
 * and type coercions are errors), and checks it: a catalogue that is not what the portal relies on stops the
 * start rather than showing a customer a wrong limit.
 *
 * <p>A JSON file rather than configuration keys: the catalogue is nested and ordered (a CHOICE's options are
 * listed in the issuer's order, which a properties map loses), the issuer replaces it as one reviewed document,
 * and the same catalogue is not repeated under three profiles.
 */
public class CatalogueLoader {
    private static final String CLASSPATH = "classpath:";

    @Produces
    @Singleton
    Catalogue catalogue(CardsyncConfig.Portal config, Validator validator) {
        if (config.catalogue().isEmpty()) {
            return Catalogue.EMPTY;
        }
        String location = config.catalogue().get();
        try (InputStream in = open(location)) {
            return read(in, location, validator);
        } catch (IOException e) {
            throw new IllegalStateException("cardsync.portal.catalogue: cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks a catalogue; {@code location} names it in the error. */
    static Catalogue read(InputStream in, String location, Validator validator) throws IOException {
        Catalogue catalogue = mapper().readValue(in, Catalogue.class);
        Set<ConstraintViolation<Catalogue>> violations = validator.validate(catalogue);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("cardsync.portal.catalogue " + location + " is invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        requireUnique(location, "AID", catalogue.applications().stream().map(Catalogue.Product::aid).toList());
        requireUnique(location, "serviceId", catalogue.services().stream().map(Catalogue.ServiceSpec::serviceId).toList());
        requireUnique(location, "service appId", catalogue.services().stream().map(s -> "" + s.appId()).toList());
        catalogue.applications().forEach(p -> requireUnique(location, "slot of " + p.aid(),
                p.parameters().stream().map(s -> "" + s.slot()).toList()));
        return catalogue;
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(location.substring(CLASSPATH.length()));
            if (in == null) {
                throw new IOException("no such resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    private static void requireUnique(String location, String what, List<String> values) {
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalStateException("cardsync.portal.catalogue " + location + ": each " + what + " must be unique");
        }
    }
}
