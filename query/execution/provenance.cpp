// Implements query/execution/provenance.h.
#include "query/execution/provenance.h"

#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

#include "query/execution/conflicts.h"
#include "query/execution/pair_numbers.h"
#include "query/execution/why_conflicts.h"
#include "query/function/citations.h"

namespace silkgraph {

namespace {

// Citation numbers for the whole result, in order of first use, by the strings each entity's
// `sources` holds (read once per entity).
class Numbering {
 public:
  Numbering(const Graph& g, Provenance& out) : g_(g), key_(sourcesKey(g)), out_(out) {}

  // The citation numbers of a node or relationship.
  const std::vector<uint32_t>& of(const Value& entity) {
    auto it = cache_.find(entity);
    if (it != cache_.end()) return it->second;
    std::vector<std::string> citations;
    appendCitations(g_, key_, entity, citations);
    std::vector<uint32_t> nums;
    for (std::string& c : citations) nums.push_back(number(std::move(c)));
    return cache_.emplace(entity, std::move(nums)).first->second;
  }

 private:
  uint32_t number(std::string citation) {
    auto [at, added] =
        numbers_.emplace(std::move(citation), static_cast<uint32_t>(out_.sources.size() + 1));
    if (added) out_.sources.push_back(at->first);
    return at->second;
  }

  const Graph& g_;
  KeyId key_;
  Provenance& out_;
  std::unordered_map<std::string, uint32_t> numbers_;
  std::unordered_map<Value, std::vector<uint32_t>, ValueHash, ValueIdentical> cache_;
};

void sortUnique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Provenance explainRows(const Graph& g, const std::vector<Value>& rowEntities, const ValidView* view,
                       WhyIndex* index) {
  if (index && index->whole()) return explainFromTable(g, rowEntities, view, *index);
  Provenance out;
  Numbering numbering(g, out);  // numbers in order of first use, renumbered by text below
  // Conflicts compared here, once per relationship.
  std::unordered_map<RelId, std::vector<FactConflict>> conflictCache;
  PairNumbers conflictNumber;
  std::vector<Provenance::Conflict> found;             // in order of first use
  std::vector<std::pair<RelId, RelId>> conflictFacts;  // per conflict: its two sides, smaller first
  std::vector<std::vector<uint32_t>> rowSources;       // numbered in order of first use
  rowSources.reserve(rowEntities.size());
  out.rowConflicts.reserve(rowEntities.size());
  for (const Value& list : rowEntities) {
    std::vector<uint32_t> nums, conflicts;
    // A row's entities: a list of them, or one node or relationship on its own.
    const bool one = list.type() == Value::Type::Node || list.type() == Value::Type::Rel;
    if (one || list.type() == Value::Type::List) {
      for (const Value& e :
           one ? std::span<const Value>(&list, 1) : std::span<const Value>(list.asList())) {
        const auto& n = numbering.of(e);
        nums.insert(nums.end(), n.begin(), n.end());
        if (e.type() != Value::Type::Rel) continue;
        const RelId r = e.asRel();
        auto it = conflictCache.find(r);
        if (it == conflictCache.end()) {
          auto all = index ? conflictsOf(g, r, view, &index->partners(r)) : conflictsOf(g, r, view);
          it = conflictCache.emplace(r, std::move(all)).first;
        }
        for (const FactConflict& c : it->second) {
          if (view && !view->rel(c.other)) continue;  // a fact the view hides is no conflict
          bool added;
          const uint32_t number = conflictNumber.get(
              PairNumbers::key(r, c.other), static_cast<uint32_t>(found.size() + 1), added);
          if (added) {
            // Described from its smaller id's side: the same whichever side was met first.
            if (r < c.other) {
              found.push_back({c.subject, c.claim, c.otherClaim, {}, {}});
            } else {
              found.push_back({c.subject, c.otherClaim, c.claim, {}, {}});
            }
            conflictFacts.emplace_back(std::min(r, c.other), std::max(r, c.other));
          }
          conflicts.push_back(number);
        }
      }
    }
    rowSources.push_back(std::move(nums));
    out.rowConflicts.push_back(std::move(conflicts));
  }
  for (size_t i = 0; i < found.size(); ++i) {
    found[i].sourcesA = numbering.of(Value(RelRef{conflictFacts[i].first}));
    found[i].sourcesB = numbering.of(Value(RelRef{conflictFacts[i].second}));
  }
  // The numbers the answer shows do not depend on the order the plan met the entities:
  // citations by their text, conflicts by their sides' ids (smaller first).
  std::vector<uint32_t> byText(out.sources.size());  // old number - 1, in text order
  for (uint32_t i = 0; i < byText.size(); ++i) byText[i] = i;
  std::sort(byText.begin(), byText.end(),
            [&](uint32_t a, uint32_t b) { return out.sources[a] < out.sources[b]; });
  std::vector<uint32_t> citation(out.sources.size() + 1);  // new number by old
  std::vector<std::string> sources;
  for (uint32_t k = 0; k < byText.size(); ++k) {
    citation[byText[k] + 1] = k + 1;
    sources.push_back(std::move(out.sources[byText[k]]));
  }
  out.sources = std::move(sources);
  auto renumber = [](std::vector<uint32_t>& v, const std::vector<uint32_t>& to) {
    for (uint32_t& n : v) n = to[n];
    sortUnique(v);
  };
  std::vector<uint32_t> byPair(found.size());
  for (uint32_t i = 0; i < byPair.size(); ++i) byPair[i] = i;
  std::sort(byPair.begin(), byPair.end(),
            [&](uint32_t a, uint32_t b) { return conflictFacts[a] < conflictFacts[b]; });
  std::vector<uint32_t> conflict(found.size() + 1);
  for (uint32_t k = 0; k < byPair.size(); ++k) {
    conflict[byPair[k] + 1] = k + 1;
    Provenance::Conflict& c = found[byPair[k]];
    renumber(c.sourcesA, citation);
    renumber(c.sourcesB, citation);
    out.conflicts.push_back(std::move(c));
  }
  out.rowSources.reserve(rowSources.size());
  for (auto& nums : rowSources) {
    renumber(nums, citation);
    out.rowSources.push_back(std::move(nums));
  }
  for (auto& nums : out.rowConflicts) renumber(nums, conflict);
  return out;
}

}  // namespace silkgraph
