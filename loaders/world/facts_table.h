// Reading the hand-compiled fact table of ../shared/data/facts (its README.md): entities.csv,
// facts.csv and sources.csv become checked rows (FactTable), every malformed cell failing
// with file:line:col. facts_loader.cpp writes them into the graph; this file knows nothing of
// the graph beyond the Writer's files and summary.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/value.h"
#include "loaders/world/world_writer.h"

namespace silkgraph::world {

// A property read from a JSON `properties` cell, with where its row is.
struct FactProperty {
  std::string key;
  Value value;
};

struct FactEntity {
  std::string id, type, name;
  std::vector<std::string> aliases;
  std::vector<FactProperty> props;
  uint32_t file = 0, line = 0;
  SourcePos pos, typePos;
};

struct Fact {
  std::string id, subject, relation, object;
  std::vector<FactProperty> props;  // the JSON properties, then valid_*, fact_id, ...
  std::string citation;
  std::string url;
  uint32_t file = 0, line = 0;
  SourcePos pos, relationPos;
};

struct FactTable {
  std::vector<FactEntity> entities;
  std::vector<Fact> facts;
  std::map<std::string, size_t> entityIndex;  // id -> entities[i]
  // The summary's fileRows of entities.csv and facts.csv (the loader counts loaded and
  // skipped rows in them).
  size_t entityRows = 0, factRows = 0;
};

// Reads the files given (facts.csv and entities.csv are needed, sources.csv is optional: when
// it is given, every fact's source_url must be a source of it that lists the fact, and every
// fact it lists must exist). Counts the rows read in the summary (fileRows, in file order).
FactTable readFactTable(Writer& w, const std::vector<std::string>& files);

}  // namespace silkgraph::world
