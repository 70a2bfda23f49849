// Implements query/execution/provenance.h.
#include "query/execution/provenance.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "query/execution/conflicts.h"
#include "query/function/citations.h"

namespace silkgraph {

namespace {

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
    for (std::string& c : citations) {
      auto [at, added] = numbers_.emplace(c, static_cast<uint32_t>(out_.sources.size() + 1));
      if (added) out_.sources.push_back(std::move(c));
      nums.push_back(at->second);
    }
    return cache_.emplace(entity, std::move(nums)).first->second;
  }

 private:
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
  Provenance out;
  Numbering numbering(g, out);
  std::unordered_map<RelId, std::vector<FactConflict>> conflictCache;
  std::map<std::pair<RelId, RelId>, uint32_t> conflictNumber;
  std::vector<std::pair<RelId, RelId>> conflictFacts;  // per conflict: its two sides
  out.rowSources.reserve(rowEntities.size());
  out.rowConflicts.reserve(rowEntities.size());
  for (const Value& list : rowEntities) {
    std::vector<uint32_t> nums, conflicts;
    if (list.type() == Value::Type::List) {
      for (const Value& e : list.asList()) {
        const auto& n = numbering.of(e);
        nums.insert(nums.end(), n.begin(), n.end());
        if (e.type() != Value::Type::Rel) continue;
        RelId r = e.asRel();
        auto it = conflictCache.find(r);
        if (it == conflictCache.end()) {
          auto found =
              index ? conflictsOf(g, r, view, &index->partners(r)) : conflictsOf(g, r, view);
          it = conflictCache.emplace(r, std::move(found)).first;
        }
        for (const FactConflict& c : it->second) {
          auto key = std::minmax(r, c.other);
          auto [at, added] =
              conflictNumber.emplace(key, static_cast<uint32_t>(out.conflicts.size() + 1));
          if (added) {
            out.conflicts.push_back({c.subject, c.claim, c.otherClaim, {}, {}});
            conflictFacts.emplace_back(r, c.other);
          }
          conflicts.push_back(at->second);
        }
      }
    }
    sortUnique(nums);
    sortUnique(conflicts);
    out.rowSources.push_back(std::move(nums));
    out.rowConflicts.push_back(std::move(conflicts));
  }
  for (size_t i = 0; i < out.conflicts.size(); ++i) {
    out.conflicts[i].sourcesA = numbering.of(Value(RelRef{conflictFacts[i].first}));
    out.conflicts[i].sourcesB = numbering.of(Value(RelRef{conflictFacts[i].second}));
  }
  return out;
}

}  // namespace silkgraph
