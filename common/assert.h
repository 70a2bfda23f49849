// Invariant checks. SG_ASSERT(condition, "why it must hold") stops a debug build (the
// ASan/UBSan suite is one) with the file, line, condition and reason; a release build does
// not evaluate the condition. For facts the code relies on, never for bad input: input gets
// an Error with its place.
#pragma once

namespace silkgraph {
[[noreturn]] void assertFailed(const char* condition, const char* why, const char* file, int line);
}

#ifdef NDEBUG
#define SG_ASSERT(condition, why) ((void)sizeof((condition) ? 1 : 0))
#else
#define SG_ASSERT(condition, why) \
  ((condition) ? (void)0 : ::silkgraph::assertFailed(#condition, why, __FILE__, __LINE__))
#endif
