package com.stockcount.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A development signing key and bearer tokens signed with it, for the embedded run and the
 * end-to-end tests only. The key pair is generated on first use and kept in the data directory;
 * count-service is pointed at its public half. Production configures its own issuer's public key
 * ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}); nothing here is used there.
 */
public final class DevTokens {

    public static final String ISSUER = "stockcount";

    public static final List<String> MANAGER_PERMISSIONS = List.of("create:stock-count", "update:stock-count",
            "INV_COUNT_ADMIN", "FULFILL_INVCUNT_ADMIN", "INV_COUNT_PRE_START", "COMMON_ADMIN");
    public static final List<String> ASSOCIATE_PERMISSIONS = List.of("update:stock-count", "FULFILL_INVCUNT_ADMIN");

    private final Path publicKeyPem;
    private final PrivateKey privateKey;

    private DevTokens(Path publicKeyPem, PrivateKey privateKey) {
        this.publicKeyPem = publicKeyPem;
        this.privateKey = privateKey;
    }

    /** Loads the development key pair from {@code dir}, creating it on first use. */
    public static DevTokens in(Path dir) {
        Path privatePath = dir.resolve("dev-jwt-private.pk8");
        Path publicPath = dir.resolve("dev-jwt-public.pem");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.write(privatePath, pair.getPrivate().getEncoded());
                Files.writeString(publicPath, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            }
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privatePath)));
            return new DevTokens(publicPath, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the development signing key", e);
        }
    }

    public Path publicKeyPem() {
        return publicKeyPem;
    }

    /** An RS256 JWT for {@code user}, acting in {@code sites} with {@code permissions} (the {@code groups} claim). */
    public String token(String user, List<String> sites, List<String> permissions, Duration lifetime) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"stockcount-dev\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\""
                + ",\"sites\":" + array(sites) + ",\"groups\":" + array(permissions)
                + ",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
