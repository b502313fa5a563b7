package io.keyuan.security;

import io.keyuan.security.domain.AppUser;
import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.security.domain.Role;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first administrator, {@code admin}, when there is no user at all. Its password is
 * {@code KEYUAN_ADMIN_PASSWORD}, or a generated one printed once to the console (never to the log file).
 */
@Component
public class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AppUserRepository users;
    private final PasswordEncoder encoder;
    private final String configuredPassword;

    AdminBootstrap(
            AppUserRepository users,
            PasswordEncoder encoder,
            @Value("${keyuan.admin.password:}") String configuredPassword) {
        this.users = users;
        this.encoder = encoder;
        this.configuredPassword = configuredPassword;
    }

    /** A new random password of 16 letters and digits (no look-alikes such as 0/O or 1/l). */
    public static String generatePassword() {
        SecureRandom random = RANDOM;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Creates the account when there is no user at all, and returns the password it was given. */
    @Transactional
    public java.util.Optional<String> ensureAdmin() {
        if (users.count() > 0) {
            return java.util.Optional.empty();
        }
        String password = configuredPassword;
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = generatePassword();
        } else {
            UserAdminService.checkPassword("admin", password);
        }
        AppUser admin = new AppUser();
        admin.setUsername("admin");
        admin.setDisplayName("管理员");
        admin.setRole(Role.ADMIN);
        admin.setPasswordHash(encoder.encode(password));
        users.save(admin);
        if (generated) {
            System.out.println();
            System.out.println("==================================================================");
            System.out.println(" Keyuan: first administrator created.  user: admin  password: " + password);
            System.out.println(" It is shown only this once; set KEYUAN_ADMIN_PASSWORD to choose it.");
            System.out.println("==================================================================");
            System.out.println();
        } else {
            log.info("First administrator 'admin' created with the password from KEYUAN_ADMIN_PASSWORD");
        }
        return java.util.Optional.of(password);
    }
}
