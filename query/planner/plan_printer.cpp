// The EXPLAIN / PROFILE printer: a plan as indented text, top-down, one line per operator
// and the steps of each match program under it.
#include <algorithm>
#include <cstdio>

#include "query/planner/match_program.h"
#include "query/planner/planner.h"

namespace silkgraph {

using Kind = MatchStep::Kind;

namespace {

const char* opText(ast::Op op) {
  switch (op) {
    case ast::Op::Eq:
      return " = ";
    case ast::Op::Neq:
      return " <> ";
    case ast::Op::Lt:
      return " < ";
    case ast::Op::Le:
      return " <= ";
    case ast::Op::Gt:
      return " > ";
    case ast::Op::Ge:
      return " >= ";
    case ast::Op::IsNull:
      return " IS NULL";
    case ast::Op::IsNotNull:
      return " IS NOT NULL";
    default:
      return " ? ";
  }
}

// "{key = value, ...}" for the step's pushed predicates on one target ("" when none), after
// `prefix` (labels or types) and a space.
std::string predicateText(const std::string& prefix, const MatchStep& s, PropPredicate::Target t) {
  std::string out;
  for (const auto& p : s.preds) {
    if (p.target != t) continue;
    out += out.empty() ? "{" : ", ";
    out += p.key + opText(p.op);
    if (p.value) {
      out += p.value->kind == BExprKind::Literal ? p.value->value.toCypherLiteral() : "<expr>";
    }
  }
  if (out.empty()) return prefix;
  return prefix.empty() ? out + "}" : prefix + " " + out + "}";
}

}  // namespace

std::string MatchProgram::describe() const {
  std::string out;
  for (const auto& s : steps) {
    out += "\n    ";
    auto labels = [&] {
      std::string l;
      for (const auto& n : s.labels) l += ":" + n.name;
      return predicateText(l, s, PropPredicate::Target::To);
    };
    auto types = [&] {
      std::string t;
      for (size_t i = 0; i < s.types.size(); ++i) t += (i ? "|" : ":") + s.types[i].name;
      return predicateText(t, s, PropPredicate::Target::Rel);
    };
    auto dedupe = [&] {
      std::string out = !s.dedupe    ? ""
                        : s.whyCarry ? " (distinct rows, sources carried)"
                                     : " (distinct rows)";
      if (s.top) out += " (top-k bound on " + s.topKey + ")";
      return out;
    };
    switch (s.kind) {
      case Kind::ScanAll:
        out += "AllNodesScan" + dedupe();
        break;
      case Kind::ScanLabel:
        out += "NodeByLabelScan (" + labels() + ")" + dedupe();
        break;
      case Kind::IndexSeek:
        out += s.seekUnique ? "NodeIndexSeek (" + labels() + " key)"
                            : "NodeIndexSeek (" + labels() + " index on " + s.seekKey + ")";
        break;
      case Kind::CheckNode:
        out += "CheckNode (" + labels() + ")";
        break;
      case Kind::Expand:
      case Kind::VarExpand: {
        std::string arrow = s.dir == Direction::Out  ? "-[" + types() + "]->"
                            : s.dir == Direction::In ? "<-[" + types() + "]-"
                                                     : "-[" + types() + "]-";
        out += (s.kind == Kind::Expand ? "Expand" : "VarLengthExpand") + std::string(" ()") +
               arrow + "(" + labels() + ")";
        if (s.kind == Kind::VarExpand)
          out += " *" + std::to_string(s.minHops) + ".." +
                 (s.maxHops < 0 ? std::string() : std::to_string(s.maxHops));
        if (s.toBound) out += " into bound node";
        if (!s.orderNote.empty()) out += " (ordered adjacency: " + s.orderNote + ")";
        out += dedupe();
        break;
      }
      case Kind::ScanRels: {
        std::string from;
        for (const auto& n : s.fromLabels) from += ":" + n.name;
        from = predicateText(from, s, PropPredicate::Target::From);
        std::string arrow = s.dir == Direction::Out  ? "-[" + types() + "]->"
                            : s.dir == Direction::In ? "<-[" + types() + "]-"
                                                     : "-[" + types() + "]-";
        out += std::string(s.types.empty() ? "RelationshipScan" : "RelationshipTypeScan") + " (" +
               from + ")" + arrow + "(" + labels() + ")" + dedupe();
        break;
      }
      case Kind::ShortestPath:
        out += s.allShortest ? "AllShortestPaths" : "ShortestPath";
        break;
      case Kind::Filter:
        out += "Filter";
        break;
      case Kind::BuildPath:
        out += "BuildPath";
        break;
    }
  }
  return out;
}

std::string Plan::explain(const std::vector<std::vector<uint64_t>>* rows,
                          const std::vector<std::vector<double>>* ms) const {
  std::string out;
  for (size_t i = 0; i < chains.size(); ++i) {
    if (chains.size() > 1) out += "Union part " + std::to_string(i + 1) + ":\n";
    const auto& ops = chains[i].operators;
    // Top-down, the way data is consumed: each operator reads from the one below it; the
    // steps of a pattern are listed under their Match in execution order.
    for (size_t k = ops.size(); k-- > 0;) {
      std::string indent(2 * (ops.size() - 1 - k), ' ');
      std::string text = ops[k]->describe();
      if (rows) {
        size_t eol = std::min(text.find('\n'), text.size());
        uint64_t n = (*rows)[i][k];
        std::string note = " [" + std::to_string(n) + (n == 1 ? " row" : " rows");
        if (ms) {
          char buf[32];
          std::snprintf(buf, sizeof buf, ", %.3f ms", (*ms)[i][k]);
          note += buf;
        }
        text.insert(eol, note + "]");
      }
      size_t start = 0;
      bool first = true;
      while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        size_t lead = line.find_first_not_of(' ');
        if (lead != std::string::npos) {
          out += indent + (first ? "" : "  | ") + line.substr(lead) + "\n";
          first = false;
        }
        start = end + 1;
      }
    }
  }
  return out;
}

}  // namespace silkgraph
