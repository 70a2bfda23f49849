// Implements common/assert.h.
#include "common/assert.h"

#include <cstdio>
#include <cstdlib>

namespace silkgraph {

void assertFailed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant failed: %s (%s)\n", file, line, condition, why);
  std::abort();
}

}  // namespace silkgraph
