#ifndef KF_CCURL_LAZY_H
#define KF_CCURL_LAZY_H

/* libcurl for the `kubefate` CLI, loaded with dlopen at first use instead of at process start:
 * `kubefate chart render` never talks HTTP, and libcurl's dependencies (OpenSSL, GnuTLS, Kerberos,
 * LDAP, ...) cost several MiB of RSS to load. Only the header's types and constants are used at
 * build time; every function goes through a pointer resolved by kfcurl_open(). */
#include <curl/curl.h>

/* Loads libcurl and calls curl_global_init(CURL_GLOBAL_DEFAULT), once per process (thread-safe).
 * Returns NULL on success, else a message naming what failed. */
const char *kfcurl_open(void);

/* The functions the CLI uses. Each fails softly (NULL or CURLE_FAILED_INIT) before kfcurl_open
 * succeeded. The setopt/getinfo wrappers are typed because the real ones are variadic. */
CURL *kfcurl_easy_init(void);
void kfcurl_easy_cleanup(CURL *h);
void kfcurl_easy_reset(CURL *h);
CURLcode kfcurl_easy_perform(CURL *h);
const char *kfcurl_easy_strerror(CURLcode code);
struct curl_slist *kfcurl_slist_append(struct curl_slist *list, const char *text);
void kfcurl_slist_free_all(struct curl_slist *list);

CURLcode kfcurl_setopt_long(CURL *h, CURLoption o, long v);
CURLcode kfcurl_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode kfcurl_setopt_str(CURL *h, CURLoption o, const char *v);
CURLcode kfcurl_setopt_ptr(CURL *h, CURLoption o, void *v);
CURLcode kfcurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
typedef size_t (*kfcurl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
CURLcode kfcurl_setopt_data_cb(CURL *h, CURLoption o, kfcurl_data_cb v);
CURLcode kfcurl_getinfo_long(CURL *h, CURLINFO i, long *v);

#endif
