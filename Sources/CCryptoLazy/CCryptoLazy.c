#include "CCryptoLazy.h"

#include <dlfcn.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

/* The soname libssl-dev links against (package libssl3). */
#define KFCRYPTO_SONAME "libcrypto.so.3"

static struct {
    __typeof__(SHA1) *sha1;
    __typeof__(SHA256) *sha256;
    __typeof__(HMAC) *hmac;
    __typeof__(EVP_sha256) *evp_sha256;
    __typeof__(EVP_PBE_scrypt) *scrypt;
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int loaded;
static char failure[512];

#define RESOLVE(field, name)                                                                  \
    do {                                                                                      \
        *(void **)&api.field = dlsym(library, name);                                          \
        if (api.field == NULL) {                                                              \
            snprintf(failure, sizeof failure, "%s has no symbol %s", KFCRYPTO_SONAME, name); \
            return;                                                                           \
        }                                                                                     \
    } while (0)

static void load(void) {
    void *library = dlopen(KFCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "cannot load libcrypto (%s): install the libssl3 package",
                 reason ? reason : KFCRYPTO_SONAME);
        return;
    }
    RESOLVE(sha1, "SHA1");
    RESOLVE(sha256, "SHA256");
    RESOLVE(hmac, "HMAC");
    RESOLVE(evp_sha256, "EVP_sha256");
    RESOLVE(scrypt, "EVP_PBE_scrypt");
    loaded = 1;
}

const char *kfcrypto_open(void) {
    pthread_once(&once, load);
    return loaded ? NULL : failure;
}

int kfcrypto_sha1(const uint8_t *data, size_t count, uint8_t out[20]) {
    return kfcrypto_open() == NULL && api.sha1(data, count, out) != NULL;
}

int kfcrypto_sha256(const uint8_t *data, size_t count, uint8_t out[32]) {
    return kfcrypto_open() == NULL && api.sha256(data, count, out) != NULL;
}

int kfcrypto_hmac_sha256(const uint8_t *key, size_t key_count, const uint8_t *data, size_t count,
                         uint8_t out[32]) {
    if (kfcrypto_open() != NULL || key_count > INT32_MAX) return 0;
    unsigned int length = 0;
    return api.hmac(api.evp_sha256(), key, (int)key_count, data, count, out, &length) != NULL
        && length == 32;
}

int kfcrypto_scrypt(const uint8_t *password, size_t password_count, const uint8_t *salt,
                    size_t salt_count, uint64_t n, uint64_t r, uint64_t p, uint64_t max_memory,
                    uint8_t *key, size_t key_count) {
    if (kfcrypto_open() != NULL) return 0;
    return api.scrypt((const char *)password, password_count, salt, salt_count, n, r, p, max_memory,
                      key, key_count) == 1;
}
