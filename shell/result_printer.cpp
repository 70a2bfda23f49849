// Result printer: one function per output format over the same cell texts. Box tables pad by
// display width (common/text.h) so that Hangul (two columns a syllable) and Cyrillic
// names align; numbers are right-aligned as in a spreadsheet.
#include "shell/result_printer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <span>

#include "common/text.h"
#include "main/value_json.h"
#include "shell/box_table.h"
#include "shell/provenance_printer.h"

namespace silkgraph::shell {

namespace {

using nlohmann::ordered_json;

std::string escapeControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(u));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::vector<std::vector<std::string>> cellTexts(const QueryResult& r, const Graph& g,
                                                size_t maxWidth) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(r.rows.size());
  for (const auto& row : r.rows) {
    auto& out = cells.emplace_back();
    for (size_t c = 0; c < r.columns.size(); ++c) {
      std::string t = c < row.size() ? cellText(row[c], g) : std::string();
      if (maxWidth) t = text::truncateToWidth(t, maxWidth);
      out.push_back(std::move(t));
    }
  }
  return cells;
}

void pad(std::ostream& out, const std::string& text, size_t width, bool right) {
  size_t w = text::displayWidth(text);
  size_t fill = width > w ? width - w : 0;
  if (right) out << std::string(fill, ' ');
  out << text;
  if (!right) out << std::string(fill, ' ');
}

void printSummaryLine(std::ostream& out, const QueryResult& r, bool hadTable) {
  std::string summary = summarizeStats(r.stats);
  if (!summary.empty()) {
    out << summary << "\n";
  } else if (!hadTable) {
    out << "(no changes, no rows)\n";
  }
}

// The rows a box table or line mode prints of `r` (all, or the first maxRows).
size_t rowsToShow(const QueryResult& r, const PrintOptions& o) {
  return o.maxRows && rowsLimited(o.format) ? std::min(r.rows.size(), o.maxRows) : r.rows.size();
}

// The row count under a box table or line mode that printed `printed` of r's rows
// (`stopped`: Ctrl-C stopped it), and the summary of what the statement changed.
void printCountLine(std::ostream& out, const QueryResult& r, size_t printed, bool stopped) {
  if (stopped) {
    out << stoppedCountText(printed) << "\n";
  } else if (printed < r.rows.size()) {
    out << limitedCountText(r.rows.size(), printed, false) << "\n";
  } else {
    out << rowCountText(r.rows.size()) << "\n";
  }
  printSummaryLine(out, r, true);
}

bool stopRequested(const PrintOptions& o) {
  return o.stop && o.stop->load(std::memory_order_relaxed);
}

void printBox(std::ostream& out, const QueryResult& r, const Graph& g, const PrintOptions& o) {
  if (r.columns.empty()) {
    printSummaryLine(out, r, false);
    return;
  }
  const size_t shown = rowsToShow(r, o);
  BoxTable table(r.columns, std::span(r.rows.data(), shown), g, o);
  table.printTop(out);
  size_t printed = 0;
  for (; printed < shown && !stopRequested(o); ++printed) table.printRow(out, r.rows[printed]);
  table.printBottom(out);
  printCountLine(out, r, printed, printed < shown);
}

void printLines(std::ostream& out, const QueryResult& r, const Graph& g, const PrintOptions& o) {
  if (r.columns.empty()) {
    printSummaryLine(out, r, false);
    return;
  }
  const size_t shown = rowsToShow(r, o);
  size_t printed = 0;
  for (; printed < shown && !stopRequested(o); ++printed)
    printLineRow(out, r.columns, r.rows[printed], g, printed == 0);
  printCountLine(out, r, printed, printed < shown);
}

std::string markdownEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

void printMarkdown(std::ostream& out, const QueryResult& r, const Graph& g) {
  if (r.columns.empty()) {
    printSummaryLine(out, r, false);
    return;
  }
  std::vector<std::string> headers;
  for (const auto& c : r.columns) headers.push_back(markdownEscape(escapeControls(c.str())));
  auto cells = cellTexts(r, g, 0);
  for (auto& row : cells)
    for (auto& t : row) t = markdownEscape(t);
  auto numeric = numericColumns(r.columns.size(), r.rows);
  std::vector<size_t> widths;
  for (size_t c = 0; c < headers.size(); ++c) {
    size_t w = std::max<size_t>(3, text::displayWidth(headers[c]));
    for (const auto& row : cells) w = std::max(w, text::displayWidth(row[c]));
    widths.push_back(w);
  }
  auto line = [&](const std::vector<std::string>& texts, bool header) {
    out << "|";
    for (size_t c = 0; c < texts.size(); ++c) {
      out << " ";
      pad(out, texts[c], widths[c], !header && numeric[c]);
      out << " |";
    }
    out << "\n";
  };
  line(headers, true);
  out << "|";
  for (size_t c = 0; c < widths.size(); ++c) {
    out << " " << std::string(widths[c] - (numeric[c] ? 1 : 0), '-') << (numeric[c] ? ":" : "")
        << " |";
  }
  out << "\n";
  for (const auto& row : cells) line(row, false);
  out << "\n" << rowCountText(r.rows.size()) << "\n";
  std::string summary = summarizeStats(r.stats);
  if (!summary.empty()) out << summary << "\n";
}

// Writes one RFC 4180 field, quoted when it must be (no copy of a long value).
void writeCsvField(std::ostream& out, std::string_view s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) {
    out << s;
    return;
  }
  out << '"';
  size_t from = 0;
  for (size_t q; (q = s.find('"', from)) != std::string_view::npos; from = q + 1)
    out << s.substr(from, q + 1 - from) << '"';
  out << s.substr(from) << '"';
}

void printCsv(std::ostream& out, const QueryResult& r, const Graph& g) {
  if (r.columns.empty()) return;
  printCsvHeader(out, r.columns);
  for (const auto& row : r.rows) printCsvRow(out, r.columns.size(), row, g);
}

ordered_json rowJson(const std::vector<SharedString>& columns, const std::vector<Value>& row,
                     const Graph& g) {
  ordered_json obj = ordered_json::object();
  // A new key is appended, not set by operator[], which copies it twice (a column named by a
  // 100 MB literal's text). A name given twice (a column named like one --why adds) keeps
  // operator[]'s meaning: the last value, at the first place.
  auto& fields = obj.get_ref<ordered_json::object_t&>();
  fields.reserve(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    ordered_json value = c < row.size() ? valueToJson(row[c], g) : ordered_json(nullptr);
    std::string key = columns[c].str();
    if (obj.contains(key))
      obj[key] = std::move(value);
    else
      fields.emplace_back(std::move(key), std::move(value));
  }
  return obj;
}

ordered_json rowJson(const QueryResult& r, size_t i, const Graph& g) {
  return rowJson(r.columns, r.rows[i], g);
}

std::string dump(const ordered_json& j, int indent) {
  return jsonText(j, indent);  // invalid UTF-8 in data becomes U+FFFD
}

void printJson(std::ostream& out, const QueryResult& r, const Graph& g) {
  std::string doc = resultJson(r, g);
  if (!doc.empty()) out << doc << "\n";
}

void printJsonl(std::ostream& out, const QueryResult& r, const Graph& g) {
  if (!r.plan.empty()) out << dump(ordered_json{{"plan", r.plan}}, -1) << "\n";
  if (r.explain) return;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    writeJsonText(out, rowJson(r, i, g));
    out << "\n";
  }
}

}  // namespace

std::optional<OutputFormat> parseOutputFormat(std::string_view name) {
  if (name == "box" || name == "table") return OutputFormat::Box;
  if (name == "csv") return OutputFormat::Csv;
  if (name == "json") return OutputFormat::Json;
  if (name == "jsonl" || name == "ndjson") return OutputFormat::Jsonl;
  if (name == "markdown" || name == "md") return OutputFormat::Markdown;
  if (name == "line") return OutputFormat::Line;
  return std::nullopt;
}

const char* outputFormatName(OutputFormat f) {
  switch (f) {
    case OutputFormat::Box:
      return "box";
    case OutputFormat::Csv:
      return "csv";
    case OutputFormat::Json:
      return "json";
    case OutputFormat::Jsonl:
      return "jsonl";
    case OutputFormat::Markdown:
      return "markdown";
    case OutputFormat::Line:
      return "line";
  }
  return "box";
}

const char* outputFormatChoices() {
  return "box|csv|json|jsonl|markdown|line";
}

bool rowsLimited(OutputFormat format) {
  return format == OutputFormat::Box || format == OutputFormat::Line;
}

std::string summarizeStats(const QueryStats& s) {
  std::vector<std::string> parts;
  auto add = [&](const char* verb, int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    std::string text = std::to_string(n) + " " + (n == 1 ? one : many);
    if (parts.empty()) {
      std::string v = verb;
      v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
      parts.push_back(v + " " + text);
    } else {
      parts.push_back(std::string(verb) + " " + text);
    }
  };
  add("created", s.nodesCreated, "node", "nodes");
  add("created", s.relsCreated, "relationship", "relationships");
  add("deleted", s.nodesDeleted, "node", "nodes");
  add("deleted", s.relsDeleted, "relationship", "relationships");
  add("added", s.labelsAdded, "label", "labels");
  add("removed", s.labelsRemoved, "label", "labels");
  add("set", s.propertiesSet, "property", "properties");
  add("added", s.indexesAdded, "index", "indexes");
  add("removed", s.indexesRemoved, "index", "indexes");
  add("added", s.constraintsAdded, "constraint", "constraints");
  add("removed", s.constraintsRemoved, "constraint", "constraints");
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

std::string headerText(std::string_view name) {
  return escapeControls(name);
}

std::string cellText(const Value& v, const Graph& graph) {
  if (v.isNull()) return "null";
  if (v.type() == Value::Type::String) return escapeControls(v.asString());
  return escapeControls(toDisplayText(v, graph));
}

std::string resultJson(const QueryResult& result, const Graph& graph) {
  if (result.why && !result.explain && !result.columns.empty())
    return resultJson(withWhyCells(result, OutputFormat::Json), graph);
  if (result.explain) return dump(ordered_json{{"plan", result.plan}}, 2);
  if (result.columns.empty()) return {};
  ordered_json arr = ordered_json::array();
  for (size_t i = 0; i < result.rows.size(); ++i) arr.push_back(rowJson(result, i, graph));
  if (!result.plan.empty()) return dump(ordered_json{{"plan", result.plan}, {"rows", arr}}, 2);
  return dump(arr, 2);
}

void printCsvHeader(std::ostream& out, const std::vector<SharedString>& columns) {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) out << ",";
    writeCsvField(out, columns[c]);
  }
  out << "\n";
}

void printCsvRow(std::ostream& out, size_t columns, const std::vector<Value>& row,
                 const Graph& graph) {
  for (size_t c = 0; c < columns; ++c) {
    if (c) out << ",";
    if (c >= row.size() || row[c].isNull()) continue;
    // Strings keep their newlines here: RFC 4180 quoting carries them.
    if (row[c].type() == Value::Type::String)
      writeCsvField(out, row[c].asString());
    else
      writeCsvField(out, toDisplayText(row[c], graph));
  }
  out << "\n";
}

void printJsonlRow(std::ostream& out, const std::vector<SharedString>& columns,
                   const std::vector<Value>& row, const Graph& graph) {
  writeJsonText(out, rowJson(columns, row, graph));
  out << "\n";
}

std::string rowCountText(size_t n) {
  if (n == 1) return "(1 row)";
  return "(" + std::to_string(n) + " rows)";
}

std::string limitedCountText(uint64_t rows, uint64_t shown, bool atLeast) {
  return std::string("(") + (atLeast ? "at least " : "") + std::to_string(rows) +
         (rows == 1 ? " row; " : " rows; ") + std::to_string(rows - shown) +
         " not shown: :max-rows 0 shows all of them)";
}

std::string stoppedCountText(uint64_t shown) {
  return "(printing stopped by Ctrl-C after " + std::to_string(shown) +
         (shown == 1 ? " row)" : " rows)");
}

std::string toJsonText(const Value& v, const Graph& graph) {
  return dump(valueToJson(v, graph), -1);
}

void printResult(std::ostream& out, const QueryResult& result, const Graph& graph,
                 const PrintOptions& options) {
  if (result.why && !result.explain && !result.columns.empty()) {
    printResult(out, withWhyCells(result, options.format), graph, options);
    printWhyNotes(out, result, options.format);
    return;
  }
  if (result.explain && options.format == OutputFormat::Json) {
    printJson(out, result, graph);
    return;
  }
  if (result.explain && options.format == OutputFormat::Jsonl) {
    printJsonl(out, result, graph);
    return;
  }
  // EXPLAIN prints the plan alone; PROFILE prints it, with row counts, above the rows (in the
  // text formats; JSON carries it as a field, CSV has no place for it).
  bool textFormat = options.format == OutputFormat::Box ||
                    options.format == OutputFormat::Markdown ||
                    options.format == OutputFormat::Line;
  if (result.explain || (textFormat && !result.plan.empty())) {
    out << result.plan;
    if (!result.plan.empty() && result.plan.back() != '\n') out << "\n";
    if (result.explain) return;
  }
  switch (options.format) {
    case OutputFormat::Box:
      printBox(out, result, graph, options);
      break;
    case OutputFormat::Markdown:
      printMarkdown(out, result, graph);
      break;
    case OutputFormat::Csv:
      printCsv(out, result, graph);
      break;
    case OutputFormat::Json:
      printJson(out, result, graph);
      break;
    case OutputFormat::Jsonl:
      printJsonl(out, result, graph);
      break;
    case OutputFormat::Line:
      printLines(out, result, graph, options);
      break;
  }
}

}  // namespace silkgraph::shell
