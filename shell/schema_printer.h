// :schema: the labels and relationship types of a database with their counts, keys,
// endpoints, adjacency orders and declared properties, wrapped at the terminal's width.
#pragma once

#include <cstddef>
#include <ostream>

#include "main/database.h"

namespace silkgraph::shell {

// Writes the schema summary of `db` to `out`, property lists wrapped at `width` columns (at
// least 40); headings in bold when `color`.
void printSchema(std::ostream& out, const Database& db, size_t width, bool color);

}  // namespace silkgraph::shell
