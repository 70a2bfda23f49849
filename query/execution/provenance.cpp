// Implements query/execution/provenance.h.
#include "query/execution/provenance.h"

#include <algorithm>
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
  Numbering numbering(g, out);
  // Conflicts compared here, once per relationship.
  std::unordered_map<RelId, std::vector<FactConflict>> conflictCache;
  PairNumbers conflictNumber;
  std::vector<Provenance::Conflict> found;             // held: no table to refer to
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
            found.push_back({c.subject, c.claim, c.otherClaim, {}, {}});
            conflictFacts.emplace_back(r, c.other);
          }
          conflicts.push_back(number);
        }
      }
    }
    sortUnique(nums);
    sortUnique(conflicts);
    out.rowSources.push_back(std::move(nums));
    out.rowConflicts.push_back(std::move(conflicts));
  }
  for (size_t i = 0; i < found.size(); ++i) {
    found[i].sourcesA = numbering.of(Value(RelRef{conflictFacts[i].first}));
    found[i].sourcesB = numbering.of(Value(RelRef{conflictFacts[i].second}));
    out.conflicts.push_back(std::move(found[i]));
  }
  return out;
}

}  // namespace silkgraph
