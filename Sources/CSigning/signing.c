// OpenSSL does the cryptography and the ASN.1: this file only calls it (PKCS#12, X.509, CMS).
#include "CSigning.h"
#include <openssl/pkcs12.h>
#include <openssl/cms.h>
#include <openssl/x509v3.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void fail(char *error, size_t length, const char *what) {
    unsigned long code = ERR_peek_last_error();
    char reason[256] = "";
    if (code) ERR_error_string_n(code, reason, sizeof reason);
    snprintf(error, length, "%s%s%s", what, code ? ": " : "", reason);
    ERR_clear_error();
}

static long long seconds(const ASN1_TIME *time) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!ASN1_TIME_to_tm(time, &tm)) return 0;
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

    const unsigned char *cursor = p12_bytes;
    PKCS12 *p12 = d2i_PKCS12(NULL, &cursor, (long)p12_length);
    if (!p12) { fail(error, error_length, "not a PKCS#12 file (.p12 or .pfx)"); return 1; }
    if (!PKCS12_parse(p12, password, &key, &certificate, &chain) || !key || !certificate) {
        PKCS12_free(p12);
        snprintf(error, error_length, "cannot open the certificate: wrong password, or no key and certificate in it");
        ERR_clear_error();
        return 1;
    }
    PKCS12_free(p12);

    X509_NAME_oneline(X509_get_subject_name(certificate), info->subject, sizeof info->subject);
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, info->common_name, sizeof info->common_name);
    info->not_before = seconds(X509_get0_notBefore(certificate));
    info->not_after = seconds(X509_get0_notAfter(certificate));

    // A signing certificate: its key usage, when it has one, allows digital signatures or non-repudiation.
    uint32_t usage = X509_get_key_usage(certificate);
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
    input = BIO_new_mem_buf(data, (int)data_length);
    unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_PARTIAL;
    cms = CMS_sign(NULL, NULL, chain, input, flags);
    if (!cms) { fail(error, error_length, "cannot start the signature"); goto done; }
    CMS_SignerInfo *signer = CMS_add1_signer(cms, certificate, key, EVP_sha256(), CMS_CADES | CMS_BINARY);
    if (!signer) { fail(error, error_length, "cannot add the signer"); goto done; }
    if (!CMS_final(cms, input, NULL, CMS_DETACHED | CMS_BINARY)) { fail(error, error_length, "cannot sign"); goto done; }
    int length = i2d_CMS_ContentInfo(cms, out);
    if (length <= 0) { fail(error, error_length, "cannot encode the signature"); goto done; }
    *out_length = (size_t)length;
    status = 0;
done:
    CMS_ContentInfo_free(cms);
    BIO_free(input);
    EVP_PKEY_free(key);
    X509_free(certificate);
    sk_X509_pop_free(chain, X509_free);
    return status;
}

void saraban_free(void *pointer) { OPENSSL_free(pointer); }

void saraban_sha256(const unsigned char *data, size_t length, unsigned char *digest) { SHA256(data, length, digest); }
