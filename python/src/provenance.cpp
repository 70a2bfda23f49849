// Result.sources and Result.conflicts (python/src/native.h): the provenance of a result run
// with why=True (QueryResult::provenance) as Python lists.
#include "python/src/native.h"

namespace silkgraph::py {

namespace {

pyb::list citations(const Provenance& p, const std::vector<uint32_t>& numbers) {
  pyb::list out;
  for (uint32_t n : numbers) out.append(pyb::str(p.sources[n - 1]));
  return out;
}

}  // namespace

pyb::object ResultHandle::sources() const {
  const QueryResult& r = data_->result;
  if (!r.why) return pyb::none();
  pyb::list rows;
  for (const auto& nums : r.provenance.rowSources) rows.append(citations(r.provenance, nums));
  return rows;
}

pyb::object ResultHandle::conflicts() const {
  const QueryResult& r = data_->result;
  if (!r.why) return pyb::none();
  const Provenance& p = r.provenance;
  pyb::list rows;
  for (const auto& nums : p.rowConflicts) {
    pyb::list row;
    for (uint32_t n : nums) {
      const Provenance::Conflict& c = p.conflicts[n - 1];
      pyb::dict a, b, conflict;
      a["claim"] = c.claimA.str();
      a["sources"] = citations(p, c.sourcesA);
      b["claim"] = c.claimB.str();
      b["sources"] = citations(p, c.sourcesB);
      conflict["fact"] = c.subject.str();
      pyb::list claims;
      claims.append(a);
      claims.append(b);
      conflict["claims"] = claims;
      row.append(conflict);
    }
    rows.append(row);
  }
  return rows;
}

}  // namespace silkgraph::py
