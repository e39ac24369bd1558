// Unversioned forwarders for the ICU C API that Relais uses.
//
// ICU renames every entry point with its major version (ubrk_open becomes
// ubrk_open_72) through macros that Swift's importer cannot follow. C code
// calling the plain name gets the renaming for free, so each function here
// forwards one call and holds no logic. The header exposes no ICU header:
// handles are opaque pointers and error codes are plain int32_t (ICU's
// UErrorCode values: <= 0 success or warning, > 0 failure).
#ifndef RELAIS_ICU_H
#define RELAIS_ICU_H

#include <stdint.h>

typedef struct RelaisBreakIterator RelaisBreakIterator;
typedef struct RelaisText RelaisText;
typedef struct RelaisNormalizer RelaisNormalizer;

// Break iterator kinds are ICU's UBreakIteratorType values (1 word, 3
// sentence); iteration ends with -1 (UBRK_DONE).

// Versions as dotted strings ("72.1", "15.0"); buffer of at least 20 bytes.
void relais_icu_version(char *buffer);
void relais_unicode_version(char *buffer);
const char *relais_error_name(int32_t code);

RelaisText *relais_utext_open_utf8(const char *bytes, int64_t length, int32_t *status);
void relais_utext_close(RelaisText *text);

RelaisBreakIterator *relais_ubrk_open(int32_t kind, const char *locale, int32_t *status);
void relais_ubrk_set_utext(RelaisBreakIterator *iterator, RelaisText *text, int32_t *status);
int32_t relais_ubrk_first(RelaisBreakIterator *iterator);
int32_t relais_ubrk_next(RelaisBreakIterator *iterator);
int32_t relais_ubrk_following(RelaisBreakIterator *iterator, int32_t offset);
int32_t relais_ubrk_preceding(RelaisBreakIterator *iterator, int32_t offset);
int32_t relais_ubrk_is_boundary(RelaisBreakIterator *iterator, int32_t offset);
int32_t relais_ubrk_rule_status(RelaisBreakIterator *iterator);
void relais_ubrk_close(RelaisBreakIterator *iterator);

const RelaisNormalizer *relais_unorm2_nfc(int32_t *status);
const RelaisNormalizer *relais_unorm2_nfkc(int32_t *status);
const RelaisNormalizer *relais_unorm2_nfkc_casefold(int32_t *status);
// Normalizes UTF-16; returns the needed length (may exceed capacity).
int32_t relais_unorm2_normalize(const RelaisNormalizer *normalizer, const uint16_t *source,
                                int32_t length, uint16_t *destination, int32_t capacity,
                                int32_t *status);
// 1 when the UTF-16 text is already in the normalizer's form.
int32_t relais_unorm2_is_normalized(const RelaisNormalizer *normalizer, const uint16_t *source,
                                    int32_t length, int32_t *status);

// General category (ICU's UCharCategory) of a code point.
int32_t relais_char_type(uint32_t codePoint);

#endif
