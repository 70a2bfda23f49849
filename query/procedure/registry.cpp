// Implements ProcedureRegistry (query/procedure/procedure.h): procedures by exact name, and
// the closest name for "did you mean" hints.
#include "common/text.h"
#include "query/procedure/procedure.h"

namespace silkgraph {

void ProcedureRegistry::add(ProcedureDef def) {
  std::string name = def.name;
  procs_[name] = std::make_shared<const ProcedureDef>(std::move(def));
}

void ProcedureRegistry::add(std::string_view signature, std::string description, ProcedureFn fn) {
  ProcedureDef def = parseProcedureSignature(signature);
  def.description = std::move(description);
  def.fn = std::move(fn);
  add(std::move(def));
}

const ProcedureDef* ProcedureRegistry::find(std::string_view name) const {
  auto it = procs_.find(name);
  return it == procs_.end() ? nullptr : it->second.get();
}

std::string ProcedureRegistry::closest(std::string_view name) const {
  std::vector<std::string_view> names;
  for (const auto& [n, def] : procs_) names.push_back(n);
  return text::closest(name, names);
}

std::vector<const ProcedureDef*> ProcedureRegistry::all() const {
  std::vector<const ProcedureDef*> out;
  for (const auto& [n, def] : procs_) out.push_back(def.get());
  return out;
}

}  // namespace silkgraph
