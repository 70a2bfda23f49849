// Implements shell/provenance_printer.h.
#include "shell/provenance_printer.h"

#include <string>

namespace silkgraph::shell {

namespace {

std::string numbers(const std::vector<uint32_t>& nums) {
  std::string out;
  for (uint32_t n : nums) out += (out.empty() ? "" : " ") + std::to_string(n);
  return out;
}

std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) out += (out.empty() ? "" : " | ") + t;
  return out;
}

ValueList citations(const Provenance& p, const std::vector<uint32_t>& nums) {
  ValueList out;
  for (uint32_t n : nums) out.emplace_back(p.sources[n - 1]);
  return out;
}

std::string conflictText(const Provenance::Conflict& c) {
  return c.subject.str() + ": " + c.claimA.str() + " vs " + c.claimB.str();
}

// A table cell: the row's footnote numbers, then the conflicts it rests on.
std::string footnotes(const Provenance& p, size_t row) {
  std::string out = numbers(p.rowSources[row]);
  if (!p.rowConflicts[row].empty())
    out += (out.empty() ? "" : " ") + std::string("conflict ") + numbers(p.rowConflicts[row]);
  return out;
}

Value jsonConflict(const Provenance& p, const Provenance::Conflict& c) {
  ValueMap a{{"claim", Value(c.claimA.str())}, {"sources", Value(citations(p, c.sourcesA))}};
  ValueMap b{{"claim", Value(c.claimB.str())}, {"sources", Value(citations(p, c.sourcesB))}};
  ValueMap m{{"fact", Value(c.subject.str())},
             {"claims", Value(ValueList{Value(std::move(a)), Value(std::move(b))})}};
  return Value(std::move(m));
}

}  // namespace

std::vector<std::string> whyColumns(OutputFormat format) {
  if (format == OutputFormat::Box || format == OutputFormat::Markdown) return {"sources"};
  return {"_sources", "_conflicts"};
}

void appendWhyCells(const Provenance& p, size_t i, OutputFormat format, std::vector<Value>& row) {
  if (format == OutputFormat::Box || format == OutputFormat::Markdown) {
    row.emplace_back(footnotes(p, i));
  } else if (format == OutputFormat::Csv || format == OutputFormat::Line) {
    std::vector<std::string> srcs, conflicts;
    for (uint32_t n : p.rowSources[i]) srcs.push_back(p.sources[n - 1]);
    for (uint32_t n : p.rowConflicts[i]) conflicts.push_back(conflictText(p.conflicts[n - 1]));
    row.emplace_back(joined(srcs));
    row.emplace_back(joined(conflicts));
  } else {
    ValueList conflicts;
    for (uint32_t n : p.rowConflicts[i]) conflicts.push_back(jsonConflict(p, p.conflicts[n - 1]));
    row.emplace_back(citations(p, p.rowSources[i]));
    row.emplace_back(std::move(conflicts));
  }
}

QueryResult withWhyCells(const QueryResult& result, OutputFormat format) {
  QueryResult r = result;
  r.why = false;
  if (!result.why || result.columns.empty() || result.explain) return r;
  for (auto& c : whyColumns(format)) r.columns.push_back(std::move(c));
  for (size_t i = 0; i < r.rows.size(); ++i)
    appendWhyCells(result.provenance, i, format, r.rows[i]);
  return r;
}

void printWhyNotes(std::ostream& out, const QueryResult& result, OutputFormat format) {
  if (!result.why || result.columns.empty() || result.explain) return;
  if (format != OutputFormat::Box && format != OutputFormat::Markdown) return;
  const Provenance& p = result.provenance;
  bool markdown = format == OutputFormat::Markdown;
  if (p.sources.empty()) {
    out << (markdown ? "\n" : "") << "Sources: none (nothing the rows used has `sources`)\n";
    return;
  }
  out << (markdown ? "\n" : "") << "Sources:\n" << (markdown ? "\n" : "");
  for (size_t i = 0; i < p.sources.size(); ++i) {
    if (markdown) {
      out << i + 1 << ". " << p.sources[i] << "\n";
    } else {
      out << "  [" << i + 1 << "] " << p.sources[i] << "\n";
    }
  }
  if (p.conflicts.empty()) return;
  out << (markdown ? "\n" : "") << "Conflicts (facts that disagree):\n" << (markdown ? "\n" : "");
  for (size_t i = 0; i < p.conflicts.size(); ++i) {
    const auto& c = p.conflicts[i];
    out << (markdown ? "- " : "  ") << "conflict " << i + 1 << ": " << c.subject << ": " << c.claimA
        << " [" << numbers(c.sourcesA) << "] vs " << c.claimB << " [" << numbers(c.sourcesB)
        << "]\n";
  }
}

}  // namespace silkgraph::shell
