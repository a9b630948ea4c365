// OpenSSL's libcrypto, for SHA-256 of the data folder (provenance): only the EVP digest API.
#include <openssl/evp.h>
