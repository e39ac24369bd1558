// Forwarders only: see relais_icu.h for why this file exists.
#include "relais_icu.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

void relais_icu_version(char *buffer) {
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, buffer);
}

void relais_unicode_version(char *buffer) {
  UVersionInfo info;
  u_getUnicodeVersion(info);
  u_versionToString(info, buffer);
}

const char *relais_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

RelaisText *relais_utext_open_utf8(const char *bytes, int64_t length, int32_t *status) {
  return (RelaisText *)utext_openUTF8(NULL, bytes, length, (UErrorCode *)status);
}

void relais_utext_close(RelaisText *text) { utext_close((UText *)text); }

RelaisBreakIterator *relais_ubrk_open(int32_t kind, const char *locale, int32_t *status) {
  return (RelaisBreakIterator *)ubrk_open((UBreakIteratorType)kind, locale, NULL, 0,
                                          (UErrorCode *)status);
}

void relais_ubrk_set_utext(RelaisBreakIterator *iterator, RelaisText *text, int32_t *status) {
  ubrk_setUText((UBreakIterator *)iterator, (UText *)text, (UErrorCode *)status);
}

int32_t relais_ubrk_first(RelaisBreakIterator *iterator) {
  return ubrk_first((UBreakIterator *)iterator);
}

int32_t relais_ubrk_next(RelaisBreakIterator *iterator) {
  return ubrk_next((UBreakIterator *)iterator);
}

int32_t relais_ubrk_following(RelaisBreakIterator *iterator, int32_t offset) {
  return ubrk_following((UBreakIterator *)iterator, offset);
}

int32_t relais_ubrk_preceding(RelaisBreakIterator *iterator, int32_t offset) {
  return ubrk_preceding((UBreakIterator *)iterator, offset);
}

int32_t relais_ubrk_is_boundary(RelaisBreakIterator *iterator, int32_t offset) {
  return ubrk_isBoundary((UBreakIterator *)iterator, offset);
}

int32_t relais_ubrk_rule_status(RelaisBreakIterator *iterator) {
  return ubrk_getRuleStatus((UBreakIterator *)iterator);
}

void relais_ubrk_close(RelaisBreakIterator *iterator) { ubrk_close((UBreakIterator *)iterator); }

const RelaisNormalizer *relais_unorm2_nfc(int32_t *status) {
  return (const RelaisNormalizer *)unorm2_getNFCInstance((UErrorCode *)status);
}

const RelaisNormalizer *relais_unorm2_nfkc(int32_t *status) {
  return (const RelaisNormalizer *)unorm2_getNFKCInstance((UErrorCode *)status);
}

const RelaisNormalizer *relais_unorm2_nfkc_casefold(int32_t *status) {
  return (const RelaisNormalizer *)unorm2_getNFKCCasefoldInstance((UErrorCode *)status);
}

int32_t relais_unorm2_normalize(const RelaisNormalizer *normalizer, const uint16_t *source,
                                int32_t length, uint16_t *destination, int32_t capacity,
                                int32_t *status) {
  return unorm2_normalize((const UNormalizer2 *)normalizer, (const UChar *)source, length,
                          (UChar *)destination, capacity, (UErrorCode *)status);
}

int32_t relais_unorm2_is_normalized(const RelaisNormalizer *normalizer, const uint16_t *source,
                                    int32_t length, int32_t *status) {
  return unorm2_isNormalized((const UNormalizer2 *)normalizer, (const UChar *)source, length,
                             (UErrorCode *)status);
}

int32_t relais_char_type(uint32_t codePoint) { return u_charType((UChar32)codePoint); }
