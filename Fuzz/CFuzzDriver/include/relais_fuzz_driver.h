#ifndef RELAIS_FUZZ_DRIVER_H
#define RELAIS_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt), linked by -sanitize=fuzzer. SwiftPM
// gives an executable its own `main`, so libFuzzer's is never linked and
// the fuzz target starts the driver itself. Only `make fuzz` builds call it.
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
