// Page faults taken off the loading thread: a load that reserves a gigabyte of arrays for the
// rows it is about to write (Graph::reserveRels) would otherwise take each page's first-touch
// fault in the middle of its work, and on a virtual machine those cost 0.2-4 s per GiB. A
// background thread faults the reserved pages in ahead of the writes, on another core.
#pragma once

#include <cstddef>

namespace silkgraph::prefault {

// Asks the background thread to fault [p, p + bytes) in, writable, with
// madvise(MADV_POPULATE_WRITE), 32 MiB at a time. The contents are never touched: pages
// already present stay as they are, so the range may be written meanwhile, and a range
// unmapped before its turn is skipped (the call fails there). Ranges under 4 MiB are ignored;
// on a kernel without MADV_POPULATE_WRITE (before Linux 5.14) nothing is done.
void populateAsync(const void* p, size_t bytes);

// Waits until every range asked for so far is done (tests).
void waitIdle();

}  // namespace silkgraph::prefault
