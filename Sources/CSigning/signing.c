// OpenSSL does the cryptography and the ASN.1: this file only calls it (PKCS#12, X.509, CMS).
// libcrypto is opened with dlopen the first time something is signed or hashed, so that a
// render that signs nothing does not load it at start.
#include "CSigning.h"
#include <openssl/pkcs12.h>
#include <openssl/cms.h>
#include <openssl/x509v3.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/sha.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static struct {
    __typeof__(d2i_PKCS12) *d2i_PKCS12;
    __typeof__(PKCS12_parse) *PKCS12_parse;
    __typeof__(PKCS12_free) *PKCS12_free;
    __typeof__(X509_NAME_oneline) *X509_NAME_oneline;
    __typeof__(X509_get_subject_name) *X509_get_subject_name;
    __typeof__(X509_NAME_get_text_by_NID) *X509_NAME_get_text_by_NID;
    __typeof__(X509_get0_notBefore) *X509_get0_notBefore;
    __typeof__(X509_get0_notAfter) *X509_get0_notAfter;
    __typeof__(ASN1_TIME_to_tm) *ASN1_TIME_to_tm;
    __typeof__(X509_get_key_usage) *X509_get_key_usage;
    __typeof__(BIO_new_mem_buf) *BIO_new_mem_buf;
    __typeof__(CMS_sign) *CMS_sign;
    __typeof__(CMS_add1_signer) *CMS_add1_signer;
    __typeof__(CMS_final) *CMS_final;
    __typeof__(i2d_CMS_ContentInfo) *i2d_CMS_ContentInfo;
    __typeof__(CMS_ContentInfo_free) *CMS_ContentInfo_free;
    __typeof__(BIO_free) *BIO_free;
    __typeof__(EVP_PKEY_free) *EVP_PKEY_free;
    __typeof__(X509_free) *X509_free;
    __typeof__(OPENSSL_sk_pop_free) *OPENSSL_sk_pop_free;
    __typeof__(EVP_sha256) *EVP_sha256;
    __typeof__(ERR_peek_last_error) *ERR_peek_last_error;
    __typeof__(ERR_error_string_n) *ERR_error_string_n;
    __typeof__(ERR_clear_error) *ERR_clear_error;
    __typeof__(CRYPTO_free) *CRYPTO_free;
    int loaded;
} ssl;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    ssl.loaded = 1;
    if (!(ssl.d2i_PKCS12 = (__typeof__(d2i_PKCS12) *)dlsym(library, "d2i_PKCS12"))) ssl.loaded = 0;
    if (!(ssl.PKCS12_parse = (__typeof__(PKCS12_parse) *)dlsym(library, "PKCS12_parse"))) ssl.loaded = 0;
    if (!(ssl.PKCS12_free = (__typeof__(PKCS12_free) *)dlsym(library, "PKCS12_free"))) ssl.loaded = 0;
    if (!(ssl.X509_NAME_oneline = (__typeof__(X509_NAME_oneline) *)dlsym(library, "X509_NAME_oneline"))) ssl.loaded = 0;
    if (!(ssl.X509_get_subject_name = (__typeof__(X509_get_subject_name) *)dlsym(library, "X509_get_subject_name"))) ssl.loaded = 0;
    if (!(ssl.X509_NAME_get_text_by_NID = (__typeof__(X509_NAME_get_text_by_NID) *)dlsym(library, "X509_NAME_get_text_by_NID"))) ssl.loaded = 0;
    if (!(ssl.X509_get0_notBefore = (__typeof__(X509_get0_notBefore) *)dlsym(library, "X509_get0_notBefore"))) ssl.loaded = 0;
    if (!(ssl.X509_get0_notAfter = (__typeof__(X509_get0_notAfter) *)dlsym(library, "X509_get0_notAfter"))) ssl.loaded = 0;
    if (!(ssl.ASN1_TIME_to_tm = (__typeof__(ASN1_TIME_to_tm) *)dlsym(library, "ASN1_TIME_to_tm"))) ssl.loaded = 0;
    if (!(ssl.X509_get_key_usage = (__typeof__(X509_get_key_usage) *)dlsym(library, "X509_get_key_usage"))) ssl.loaded = 0;
    if (!(ssl.BIO_new_mem_buf = (__typeof__(BIO_new_mem_buf) *)dlsym(library, "BIO_new_mem_buf"))) ssl.loaded = 0;
    if (!(ssl.CMS_sign = (__typeof__(CMS_sign) *)dlsym(library, "CMS_sign"))) ssl.loaded = 0;
    if (!(ssl.CMS_add1_signer = (__typeof__(CMS_add1_signer) *)dlsym(library, "CMS_add1_signer"))) ssl.loaded = 0;
    if (!(ssl.CMS_final = (__typeof__(CMS_final) *)dlsym(library, "CMS_final"))) ssl.loaded = 0;
    if (!(ssl.i2d_CMS_ContentInfo = (__typeof__(i2d_CMS_ContentInfo) *)dlsym(library, "i2d_CMS_ContentInfo"))) ssl.loaded = 0;
    if (!(ssl.CMS_ContentInfo_free = (__typeof__(CMS_ContentInfo_free) *)dlsym(library, "CMS_ContentInfo_free"))) ssl.loaded = 0;
    if (!(ssl.BIO_free = (__typeof__(BIO_free) *)dlsym(library, "BIO_free"))) ssl.loaded = 0;
    if (!(ssl.EVP_PKEY_free = (__typeof__(EVP_PKEY_free) *)dlsym(library, "EVP_PKEY_free"))) ssl.loaded = 0;
    if (!(ssl.X509_free = (__typeof__(X509_free) *)dlsym(library, "X509_free"))) ssl.loaded = 0;
    if (!(ssl.OPENSSL_sk_pop_free = (__typeof__(OPENSSL_sk_pop_free) *)dlsym(library, "OPENSSL_sk_pop_free"))) ssl.loaded = 0;
    if (!(ssl.EVP_sha256 = (__typeof__(EVP_sha256) *)dlsym(library, "EVP_sha256"))) ssl.loaded = 0;
    if (!(ssl.ERR_peek_last_error = (__typeof__(ERR_peek_last_error) *)dlsym(library, "ERR_peek_last_error"))) ssl.loaded = 0;
    if (!(ssl.ERR_error_string_n = (__typeof__(ERR_error_string_n) *)dlsym(library, "ERR_error_string_n"))) ssl.loaded = 0;
    if (!(ssl.ERR_clear_error = (__typeof__(ERR_clear_error) *)dlsym(library, "ERR_clear_error"))) ssl.loaded = 0;
    if (!(ssl.CRYPTO_free = (__typeof__(CRYPTO_free) *)dlsym(library, "CRYPTO_free"))) ssl.loaded = 0;
}

static int ready(char *error, size_t length) {
    pthread_once(&once, load);
    if (!ssl.loaded) snprintf(error, length, "OpenSSL's libcrypto (libcrypto.so.3) is needed to sign; on Debian: apt install libssl3");
    return ssl.loaded;
}

static void fail(char *error, size_t length, const char *what) {
    unsigned long code = ssl.ERR_peek_last_error();
    char reason[256] = "";
    if (code) ssl.ERR_error_string_n(code, reason, sizeof reason);
    snprintf(error, length, "%s%s%s", what, code ? ": " : "", reason);
    ssl.ERR_clear_error();
}

static long long seconds(const ASN1_TIME *time) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!ssl.ASN1_TIME_to_tm(time, &tm)) return 0;
    return (long long)timegm(&tm);
}

int saraban_cms_sign(const unsigned char *p12_bytes, size_t p12_length, const char *password,
                     const unsigned char *data, size_t data_length, long long now,
                     unsigned char **out, size_t *out_length,
                     saraban_signer_info *info, char *error, size_t error_length) {
    int status = 4;
    EVP_PKEY *key = NULL;
    X509 *certificate = NULL;
    STACK_OF(X509) *chain = NULL;
    BIO *input = NULL;
    CMS_ContentInfo *cms = NULL;
    *out = NULL;
    *out_length = 0;
    memset(info, 0, sizeof *info);
    if (!ready(error, error_length)) return 4;

    const unsigned char *cursor = p12_bytes;
    PKCS12 *p12 = ssl.d2i_PKCS12(NULL, &cursor, (long)p12_length);
    if (!p12) { fail(error, error_length, "not a PKCS#12 file (.p12 or .pfx)"); return 1; }
    if (!ssl.PKCS12_parse(p12, password, &key, &certificate, &chain) || !key || !certificate) {
        ssl.PKCS12_free(p12);
        snprintf(error, error_length, "cannot open the certificate: wrong password, or no key and certificate in it");
        ssl.ERR_clear_error();
        return 1;
    }
    ssl.PKCS12_free(p12);

    ssl.X509_NAME_oneline(ssl.X509_get_subject_name(certificate), info->subject, sizeof info->subject);
    ssl.X509_NAME_get_text_by_NID(ssl.X509_get_subject_name(certificate), NID_commonName, info->common_name, sizeof info->common_name);
    info->not_before = seconds(ssl.X509_get0_notBefore(certificate));
    info->not_after = seconds(ssl.X509_get0_notAfter(certificate));

    // A signing certificate: its key usage, when it has one, allows digital signatures or non-repudiation.
    uint32_t usage = ssl.X509_get_key_usage(certificate);
    if (usage != UINT32_MAX && !(usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
        snprintf(error, error_length, "the certificate's key usage does not allow signing (it needs digitalSignature or nonRepudiation)");
        status = 2;
        goto done;
    }
    if (now < info->not_before || now > info->not_after) {
        snprintf(error, error_length, "the certificate is %s", now < info->not_before ? "not valid yet" : "expired");
        status = 3;
        goto done;
    }
    input = ssl.BIO_new_mem_buf(data, (int)data_length);
    unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_PARTIAL;
    cms = ssl.CMS_sign(NULL, NULL, chain, input, flags);
    if (!cms) { fail(error, error_length, "cannot start the signature"); goto done; }
    CMS_SignerInfo *signer = ssl.CMS_add1_signer(cms, certificate, key, ssl.EVP_sha256(), CMS_CADES | CMS_BINARY);
    if (!signer) { fail(error, error_length, "cannot add the signer"); goto done; }
    if (!ssl.CMS_final(cms, input, NULL, CMS_DETACHED | CMS_BINARY)) { fail(error, error_length, "cannot sign"); goto done; }
    int length = ssl.i2d_CMS_ContentInfo(cms, out);
    if (length <= 0) { fail(error, error_length, "cannot encode the signature"); goto done; }
    *out_length = (size_t)length;
    status = 0;
done:
    ssl.CMS_ContentInfo_free(cms);
    ssl.BIO_free(input);
    ssl.EVP_PKEY_free(key);
    ssl.X509_free(certificate);
    ssl.OPENSSL_sk_pop_free((OPENSSL_STACK *)chain, (void (*)(void *))ssl.X509_free);
    return status;
}

void saraban_free(void *pointer) { if (ssl.loaded) ssl.CRYPTO_free(pointer, __FILE__, __LINE__); }
