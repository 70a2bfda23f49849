// Spilling (`silkgraph build`, docs/storage.md "Building beyond memory"): once the large
// blocks of common/huge_pages.h held in memory reach a budget, further large blocks are shared
// mappings of unnamed temporary files in a directory (O_TMPFILE). The kernel writes their
// pages to the file and drops them when memory runs short, so a build can make a graph larger
// than the memory it may use. The files have no name: they disappear with their mapping, also
// when the process is killed. Implemented in common/huge_pages.cpp, beside the allocator.
#pragma once

#include <cstddef>
#include <string>

namespace silkgraph::huge_pages {

// Large blocks past `budgetBytes` of large blocks in memory go to temporary files in `dir`
// from now on (0: every large block). An empty string if that works, else why not (the
// directory does not exist or its file system cannot hold such files, say).
std::string startSpilling(const std::string& dir, size_t budgetBytes);
// New blocks stay in memory again; blocks already in files stay there until freed.
void stopSpilling();

struct Usage {
  size_t memoryBytes = 0;       // large blocks in memory now
  size_t spilledBytes = 0;      // large blocks in files now
  size_t peakSpilledBytes = 0;  // the most in files at once since startSpilling
};
Usage usage();

// The bytes a build pass may read or write at random (docs/storage.md "Building beyond
// memory"): a quarter of the budget while spilling is on, unlimited (SIZE_MAX) otherwise. The
// passes that place the compressed rows, gather a renumbering or an adjacency order's codes
// run once per range whose random window fits it: one pass while it holds everything.
size_t randomWindow();
// Tests: the window set to `bytes` whatever the budget (0: as the budget says again).
void setRandomWindowForTesting(size_t bytes);

// The memory this process may use: the machine's physical memory, or its control group's
// limit (a container's) where that is lower.
size_t usableMemory();

}  // namespace silkgraph::huge_pages
