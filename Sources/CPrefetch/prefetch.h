// A cache prefetch hint for Swift, which has no spelling of its own: the
// entity model's weight look-ups are random reads of a table larger than
// the L2 cache, and telling the memory system about a sentence's slots
// before they are read lets it fetch them at once (perf: without it the
// compare after each load was most of the model stage).
#ifndef RELAIS_PREFETCH_H
#define RELAIS_PREFETCH_H

static inline __attribute__((always_inline)) void relais_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#endif
