// Entity resolution for countries (docs/world.md): one Nation per country whatever a source
// calls it. Names resolve through the Nation nodes countries.json created (common, official and
// native names, alternative spellings, ISO codes), then through the versioned mapping table
// loaders/world/country_mapping.tsv (FIPS 10-4 and CAMEO codes, USGS, Factbook and Wikidata
// spellings), which also names the labels that are known not to be countries (regions,
// aggregates). Whatever resolves neither way is "unmatched": the loaders report it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/graph.h"

namespace silkgraph::world {

struct NationMatch {
  enum class Kind { Nation, NotCountry, Unmatched };
  Kind kind = Kind::Unmatched;
  std::string iso3;  // Nation: the Nation's id
  std::string note;  // NotCountry: what it is instead (from the mapping table)
  bool ok() const { return kind == Kind::Nation; }
};

// One row of the mapping table.
struct MappingRow {
  std::string scheme;  // fips, cameo, usgs, factbook, wikidata, name
  std::string from;    // the code or the name as the source writes it
  std::string iso3;    // "-" when it is not a country
  std::string note;
  uint32_t line = 0;
};

// The mapping table built into the binary, and its version (the "# version N" line).
const std::vector<MappingRow>& mappingTable();
int mappingTableVersion();

// Lower-cased (Unicode case folding), NFC, no-break spaces and typographic apostrophes made
// plain, runs of spaces collapsed, trimmed: the form names are compared in.
std::string normalizeName(std::string_view name);

class NationResolver {
 public:
  // Indexes the Nation nodes of `graph` and the mapping table; the Nations' names and aliases
  // are indexed at the first byName (the graph must outlive the resolver).
  explicit NationResolver(const Graph& graph);

  size_t nationCount() const { return nations_; }
  bool isNation(std::string_view iso3) const;
  // A name as `scheme` (usgs, factbook, wikidata, ...) writes it: the scheme's own rows of the
  // mapping table first, then the names of the Nations, then the table's generic "name" rows.
  NationMatch byName(std::string_view scheme, std::string_view name) const;
  // A code of `scheme` (fips, cameo, iso3): the mapping table, and for cameo and iso3 also
  // the Nations' alpha-3 ids.
  NationMatch byCode(std::string_view scheme, std::string_view code) const;

 private:
  NationMatch fromTable(std::string_view scheme, const std::string& key) const;
  void indexNames() const;

  const Graph& graph_;
  mutable bool namesIndexed_ = false;
  size_t nations_ = 0;
  std::unordered_map<std::string, std::string> iso3_;  // Nation ids
  // normalized name -> iso3 ("" when two Nations share the name: ambiguous, never used)
  mutable std::unordered_map<std::string, std::string> names_;
  // "scheme\tkey" -> row index of the mapping table
  std::unordered_map<std::string, size_t> table_;
};

}  // namespace silkgraph::world
