package io.keyuan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No path of the application can drop a database: only test code prepares (and drops) test databases. */
class NoDatabaseDropTests {
    private static final Pattern DROP = Pattern.compile("drop\\s+(database|schema)\\b");

    @Test
    void no_source_file_or_migration_of_the_application_drops_a_database() throws IOException {
        assertThat(offenders(Path.of("src/main"))).isEmpty();
    }

    @Test
    void no_compiled_class_of_the_application_holds_a_drop_database_statement() throws IOException {
        Path classes = Path.of("target/classes");
        assertThat(classes).isDirectory();
        assertThat(offenders(classes)).isEmpty();
    }

    private static List<Path> offenders(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(java|class|sql|properties|xml)$"))
                    .filter(NoDatabaseDropTests::dropsADatabase)
                    .toList();
        }
    }

    private static boolean dropsADatabase(Path file) {
        try {
            // Latin-1 keeps every byte, so the ASCII text of a class file's constant pool reads as written.
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return DROP.matcher(text).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
