// The system's libcrypto (OpenSSL, libssl-dev on Debian): SHA-256 only.
#include <openssl/sha.h>
