#include "CCurlLazy.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

/* The soname libcurl4-openssl-dev links against (package libcurl4). */
#define KFCURL_SONAME "libcurl.so.4"

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *h);
    void (*easy_reset)(CURL *h);
    CURLcode (*easy_perform)(CURL *h);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *h, CURLoption o, ...);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO i, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int loaded;
static char failure[512];

#define RESOLVE(field, name)                                                                 \
    do {                                                                                     \
        *(void **)&api.field = dlsym(library, name);                                         \
        if (api.field == NULL) {                                                             \
            snprintf(failure, sizeof failure, "%s has no symbol %s", KFCURL_SONAME, name);  \
            return;                                                                          \
        }                                                                                    \
    } while (0)

static void load(void) {
    void *library = dlopen(KFCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "cannot load libcurl (%s): install the libcurl4 package",
                 reason ? reason : KFCURL_SONAME);
        return;
    }
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_reset, "curl_easy_reset");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(failure, sizeof failure, "curl_global_init failed: %s", api.easy_strerror(code));
        return;
    }
    loaded = 1;
}

const char *kfcurl_open(void) {
    pthread_once(&once, load);
    return loaded ? NULL : failure;
}

CURL *kfcurl_easy_init(void) { return loaded ? api.easy_init() : NULL; }

void kfcurl_easy_cleanup(CURL *h) {
    if (loaded) api.easy_cleanup(h);
}

void kfcurl_easy_reset(CURL *h) {
    if (loaded) api.easy_reset(h);
}

CURLcode kfcurl_easy_perform(CURL *h) { return loaded ? api.easy_perform(h) : CURLE_FAILED_INIT; }

const char *kfcurl_easy_strerror(CURLcode code) {
    return loaded ? api.easy_strerror(code) : "libcurl is not loaded";
}

struct curl_slist *kfcurl_slist_append(struct curl_slist *list, const char *text) {
    return loaded ? api.slist_append(list, text) : NULL;
}

void kfcurl_slist_free_all(struct curl_slist *list) {
    if (loaded) api.slist_free_all(list);
}

CURLcode kfcurl_setopt_long(CURL *h, CURLoption o, long v) {
    return loaded ? api.easy_setopt(h, o, v) : CURLE_FAILED_INIT;
}

CURLcode kfcurl_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return loaded ? api.easy_setopt(h, o, v) : CURLE_FAILED_INIT;
}

CURLcode kfcurl_setopt_str(CURL *h, CURLoption o, const char *v) {
    return loaded ? api.easy_setopt(h, o, v) : CURLE_FAILED_INIT;
}

CURLcode kfcurl_setopt_ptr(CURL *h, CURLoption o, void *v) {
    return loaded ? api.easy_setopt(h, o, v) : CURLE_FAILED_INIT;
}

CURLcode kfcurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return loaded ? api.easy_setopt(h, o, v) : CURLE_FAILED_INIT;
}

CURLcode kfcurl_setopt_data_cb(CURL *h, CURLoption o, kfcurl_data_cb v) {
    return loaded ? api.easy_setopt(h, o, v) : CURLE_FAILED_INIT;
}

CURLcode kfcurl_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return loaded ? api.easy_getinfo(h, i, v) : CURLE_FAILED_INIT;
}
