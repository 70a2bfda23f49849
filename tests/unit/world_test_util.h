// Helpers of the source-loader tests (world_*_test.cpp): where ../shared/data is, and one-value
// queries. The tests read the real files; without ../shared beside the checkout they skip.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "main/database.h"

namespace silkgraph::testing_world {

inline std::string sharedData() {
  const char* dir = std::getenv("SILKGRAPH_SOURCE_DIR");
  std::string root = dir ? dir : SILKGRAPH_SOURCE_DIR;
  return root + "/../shared/data";
}

inline bool haveSharedData() {
  return std::filesystem::exists(sharedData() + "/countries/countries.json");
}

// The single value of a one-row, one-column query.
inline Value one(Database& db, const std::string& q) {
  QueryResult r = db.execute(q);
  if (r.rows.size() != 1 || r.rows[0].size() != 1)
    throw std::runtime_error("expected one value from: " + q + " (got " +
                             std::to_string(r.rows.size()) + " rows)");
  return r.rows[0][0];
}

inline int64_t count(Database& db, const std::string& q) {
  return one(db, q).asInt();
}

}  // namespace silkgraph::testing_world
