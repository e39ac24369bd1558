// The ICU headers Relais compiles against. Only CICUShim includes this module.
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>
