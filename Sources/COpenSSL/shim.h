// The system's OpenSSL 3 libcrypto (Debian: libssl-dev), for the 国密 algorithms swift-crypto does not have:
// SM2 signatures, SM3 digests, SM4, and X.509 certificates signed with SM2. Only the Guomi target imports it.
#ifndef ZHENGTONG_COPENSSL_SHIM_H
#define ZHENGTONG_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

// Macros Swift cannot call, as functions.
static inline long zt_bio_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
static inline void zt_openssl_free(void *pointer) { OPENSSL_free(pointer); }
static inline int zt_mbstring_utf8(void) { return MBSTRING_UTF8; }
// RFC 2253 names, UTF-8 kept as it is (not escaped as \\UXXXX).
static inline unsigned long zt_name_flags(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }
// EVP_PKEY_Q_keygen is variadic, which Swift cannot call.
static inline EVP_PKEY *zt_sm2_keygen(void) { return EVP_PKEY_Q_keygen(NULL, NULL, "SM2"); }

// An SM2 key from its raw point (04 || X || Y) and, when given, its private scalar. In C because the OSSL_PARAM
// builder keeps the pointers it is given (names included) until the parameters are built, which Swift's temporary
// C strings would not outlive.
static inline EVP_PKEY *zt_sm2_key_from_raw(const unsigned char *point, size_t point_length,
                                           const unsigned char *scalar, size_t scalar_length) {
    EVP_PKEY *key = NULL;
    BIGNUM *private_key = NULL;
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *context = NULL;
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    if (builder == NULL) goto done;
    if (!OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0)) goto done;
    if (!OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point, point_length)) goto done;
    if (scalar != NULL) {
        private_key = BN_bin2bn(scalar, (int)scalar_length, NULL);
        if (private_key == NULL || !OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_PRIV_KEY, private_key)) goto done;
    }
    params = OSSL_PARAM_BLD_to_param(builder);
    context = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    if (params == NULL || context == NULL || EVP_PKEY_fromdata_init(context) != 1) goto done;
    if (EVP_PKEY_fromdata(context, &key, scalar != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) != 1) key = NULL;
done:
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(params);
    BN_clear_free(private_key);
    OSSL_PARAM_BLD_free(builder);
    return key;
}

#endif
