package io.keyuan.security;

import io.keyuan.shared.KeyuanException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.passay.DictionaryRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;

/**
 * The password policy on create, reset and the first administrator's configured password (Passay rules): at least
 * {@link UserAdminService#MIN_PASSWORD_LENGTH} characters and at most {@link UserAdminService#MAX_PASSWORD_LENGTH}
 * UTF-8 bytes (bcrypt reads no more, so a longer one is refused rather than cut), not the user name forwards or
 * backwards in any case, not one of the commonly used passwords of {@code security/common-passwords.txt} (compared
 * ignoring case), and not one character repeated or a run of consecutive keys only.
 */
final class PasswordPolicy {
    private static final PasswordValidator VALIDATOR = new PasswordValidator(
            List.of(new UsernameRule(true, true), new DictionaryRule(new WordListDictionary(commonPasswords()))));

    private PasswordPolicy() {}

    /** Refuses a password that breaks the policy, with a message naming the rule it breaks, on field "password". */
    static void check(String username, String password) {
        if (password == null
                || password.isBlank()
                || password.length() < UserAdminService.MIN_PASSWORD_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > UserAdminService.MAX_PASSWORD_LENGTH) {
            throw KeyuanException.onField(
                    "password",
                    "user.error.password",
                    UserAdminService.MIN_PASSWORD_LENGTH,
                    UserAdminService.MAX_PASSWORD_LENGTH);
        }
        if (oneKeyOrOneRun(password)) {
            throw KeyuanException.onField("password", "user.error.password-common");
        }
        RuleResult result = VALIDATOR.validate(
                new PasswordData(username == null ? "" : username.strip(), password.toLowerCase(Locale.ROOT)));
        if (result.isValid()) {
            return;
        }
        for (RuleResultDetail detail : result.getDetails()) {
            if (detail.getErrorCode().startsWith("ILLEGAL_USERNAME")) {
                throw KeyuanException.onField("password", "user.error.password-username");
            }
        }
        throw KeyuanException.onField("password", "user.error.password-common");
    }

    /** "aaaaaaaa", "12345678", "87654321", "abcdefgh": one key, or each character the one after (or before) the last. */
    private static boolean oneKeyOrOneRun(String password) {
        int[] cps = password.codePoints().toArray();
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < cps.length; i++) {
            same &= cps[i] == cps[i - 1];
            up &= cps[i] == cps[i - 1] + 1;
            down &= cps[i] == cps[i - 1] - 1;
        }
        return same || up || down;
    }

    private static ArrayWordList commonPasswords() {
        TreeSet<String> words = new TreeSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("/security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a TreeSet iterates in String order, the order a case-sensitive word list is searched in
        return new ArrayWordList(words.toArray(String[]::new), true);
    }
}
