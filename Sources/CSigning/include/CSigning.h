#ifndef SARABAN_CSIGNING_H
#define SARABAN_CSIGNING_H
#include <stddef.h>

/// What a signing key and certificate say about themselves, read from a PKCS#12 file.
typedef struct {
    char subject[512];      /* the certificate's subject, one line (RFC 2253) */
    char common_name[256];  /* its CN, for the signature's /Name */
    long long not_before;   /* validity, seconds since 1970 (UTC) */
    long long not_after;
} saraban_signer_info;

/// Signs `data` with the key and certificate of a PKCS#12 file: a detached CMS SignedData
/// (SHA-256, with the signing-certificate-v2 attribute PAdES asks for), DER-encoded into `*out`
/// (free it with saraban_free). Returns 0, or a non-zero code with `error` saying why:
/// 1 the file or its password, 2 the certificate cannot sign (key usage), 3 not yet or no
/// longer valid at `now`, 4 the signature could not be made.
int saraban_cms_sign(const unsigned char *p12, size_t p12_length, const char *password,
                     const unsigned char *data, size_t data_length, long long now,
                     unsigned char **out, size_t *out_length,
                     saraban_signer_info *info, char *error, size_t error_length);

void saraban_free(void *pointer);

#endif
