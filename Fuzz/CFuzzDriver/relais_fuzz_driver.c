// Declarations only (include/relais_fuzz_driver.h); SwiftPM wants a source.
#include "relais_fuzz_driver.h"
