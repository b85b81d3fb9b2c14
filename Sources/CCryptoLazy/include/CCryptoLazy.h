#ifndef KF_CCRYPTO_LAZY_H
#define KF_CCRYPTO_LAZY_H

/* The few libcrypto functions the template engine needs (Sprig's sha1sum, sha256sum and
 * derivePassword), with libcrypto opened by dlopen at first use: most renders call none of them,
 * and loading OpenSSL costs every `kubefate chart render` process about 1.5 MiB of RSS. */
#include <stddef.h>
#include <stdint.h>

/* Loads libcrypto once per process (thread-safe). Returns NULL on success, else a message. */
const char *kfcrypto_open(void);

/* Each returns 1 on success and 0 on failure (including libcrypto not loaded). */
int kfcrypto_sha1(const uint8_t *data, size_t count, uint8_t out[20]);
int kfcrypto_sha256(const uint8_t *data, size_t count, uint8_t out[32]);
int kfcrypto_hmac_sha256(const uint8_t *key, size_t key_count, const uint8_t *data, size_t count,
                         uint8_t out[32]);
int kfcrypto_scrypt(const uint8_t *password, size_t password_count, const uint8_t *salt,
                    size_t salt_count, uint64_t n, uint64_t r, uint64_t p, uint64_t max_memory,
                    uint8_t *key, size_t key_count);

#endif
