package io.keyuan.exchange;

import io.keyuan.shared.KeyuanException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every {@link SheetImporter} the feature modules registered, by schema name, and who may use each: the engine
 * refuses an importer to a caller below its {@link SheetImporter#requiredRole()} before reading a byte.
 */
@Component
class ImporterRegistry {
    private final Map<String, SheetImporter> importers = new LinkedHashMap<>();

    ImporterRegistry(List<SheetImporter> importers) {
        for (SheetImporter importer : importers) {
            if (this.importers.put(importer.schema().name(), importer) != null) {
                throw new IllegalStateException(
                        "Two importers for the schema " + importer.schema().name());
            }
        }
    }

    /** The importers the signed-in user may use, in registration order. */
    List<SheetImporter> available() {
        return importers.values().stream().filter(ImporterRegistry::mayImport).toList();
    }

    /** The schema's importer, whoever asks (for names and templates); unknown names are refused. */
    SheetImporter get(String name) {
        SheetImporter importer = importers.get(name);
        if (importer == null) {
            throw new KeyuanException("exchange.error.unknown-schema", name, String.join(", ", importers.keySet()));
        }
        return importer;
    }

    /** The schema's importer if the signed-in user may import it; refused otherwise. */
    SheetImporter forImport(String name) {
        SheetImporter importer = get(name);
        if (!mayImport(importer)) {
            throw new AccessDeniedException("Importing " + name + " needs " + importer.requiredRole());
        }
        return importer;
    }

    static boolean mayImport(SheetImporter importer) {
        return hasRole(importer.requiredRole());
    }

    static boolean hasRole(String role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String authority = "ROLE_" + role;
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
