package io.keyuan.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answer-link tokens: 144 random bits from {@link SecureRandom}, base64url (24 characters, no padding); the
 * database stores only their SHA-256, so a copy of it opens no link.
 */
@Component
class AnswerLinks {
    static final int TOKEN_BYTES = 18;
    /** Longer "tokens" are not ours; they are still hashed (cut to this length) so that refusing them costs the same. */
    static final int MAX_TOKEN_LENGTH = 64;

    private final SecureRandom random = new SecureRandom();
    private final String base;

    AnswerLinks(@Value("${keyuan.survey.link-base:http://localhost:${server.port:8080}/}") String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        String t = token == null ? "" : token;
        if (t.length() > MAX_TOKEN_LENGTH) {
            t = t.substring(0, MAX_TOKEN_LENGTH);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(t.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The path of the public answer page for the token, relative to the portal's root. */
    static String path(String token) {
        return "a/" + token;
    }

    /** The link as a recipient opens it. */
    String link(String token) {
        return base + path(token);
    }
}
