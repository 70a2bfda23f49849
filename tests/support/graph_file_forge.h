// Test support: changing a database file's bytes and recomputing its checksums, so that a
// test or a fuzz target reaches the reader's structural validation rather than stopping at
// the checksum check. Tolerates any bytes (a table or section out of range is left alone).
#pragma once

#include <string>

namespace silkgraph::testing {

// Recomputes every section checksum that lies inside the buffer, then the section table's and
// the header's. Returns false when the header or the table is too damaged to locate.
bool resealGraphFile(std::string& bytes);

}  // namespace silkgraph::testing
