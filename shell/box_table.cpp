// Implements shell/box_table.h. Cells are padded by display width (common/text.h) so that
// Hangul (two columns a syllable) and Cyrillic names align.
#include "shell/box_table.h"

#include <algorithm>

#include "common/text.h"

namespace silkgraph::shell {

namespace {

bool isNumeric(const Value& v) {
  return v.type() == Value::Type::Int || v.type() == Value::Type::Float;
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

void pad(std::ostream& out, const std::string& text, size_t width, bool right) {
  size_t w = text::displayWidth(text);
  size_t fill = width > w ? width - w : 0;
  if (right) out << std::string(fill, ' ');
  out << text;
  if (!right) out << std::string(fill, ' ');
}

}  // namespace

std::vector<bool> numericColumns(size_t columns, std::span<const std::vector<Value>> rows) {
  std::vector<bool> numeric(columns, false);
  for (size_t c = 0; c < columns; ++c) {
    bool any = false, all = true;
    for (const auto& row : rows) {
      if (c >= row.size() || row[c].isNull()) continue;
      any = true;
      if (!isNumeric(row[c])) {
        all = false;
        break;
      }
    }
    numeric[c] = any && all;
  }
  return numeric;
}

std::string BoxTable::cell(const std::vector<Value>& row, size_t c) const {
  std::string t = c < row.size() ? cellText(row[c], graph_) : std::string();
  if (options_.maxColumnWidth) t = text::truncateToWidth(t, options_.maxColumnWidth);
  return t;
}

BoxTable::BoxTable(const std::vector<SharedString>& columns,
                   std::span<const std::vector<Value>> sample, const Graph& graph,
                   const PrintOptions& options)
    : graph_(graph), options_(options), numeric_(numericColumns(columns.size(), sample)) {
  for (const auto& c : columns) {
    std::string h = headerText(c.str());
    headers_.push_back(options.maxColumnWidth ? text::truncateToWidth(h, options.maxColumnWidth)
                                              : h);
  }
  for (size_t c = 0; c < headers_.size(); ++c) {
    size_t w = text::displayWidth(headers_[c]);
    for (const auto& row : sample) w = std::max(w, text::displayWidth(cell(row, c)));
    widths_.push_back(w);
  }
  if (options.maxTableWidth) {
    // Too wide for the screen: narrow the widest column, one column at a time, down to a
    // floor that keeps every column readable. Lines wrap beyond that, rather than hiding data.
    constexpr size_t kFloor = 12;
    size_t total = 1;
    for (size_t w : widths_) total += w + 3;
    while (total > options.maxTableWidth) {
      auto widest = std::max_element(widths_.begin(), widths_.end());
      if (*widest <= kFloor) break;
      --*widest;
      --total;
    }
    for (size_t c = 0; c < widths_.size(); ++c)
      headers_[c] = text::truncateToWidth(headers_[c], widths_[c]);
  }
}

void BoxTable::rule(std::ostream& out, const char* left, const char* mid, const char* right) const {
  // Written 64 at a time: a column as wide as a 100 MB name would make a 300 MB string.
  constexpr std::string_view kDash = "─";
  static const std::string kChunk = repeat(kDash, 64);
  out << left;
  for (size_t c = 0; c < widths_.size(); ++c) {
    if (c) out << mid;
    size_t n = widths_[c] + 2;
    for (; n >= 64; n -= 64) out << kChunk;
    out << std::string_view(kChunk).substr(0, n * kDash.size());
  }
  out << right << "\n";
}

void BoxTable::line(std::ostream& out, const std::vector<std::string>& texts, bool header) const {
  out << "│";
  for (size_t c = 0; c < texts.size(); ++c) {
    if (c) out << "│";
    out << " ";
    pad(out, texts[c], widths_[c], !header && numeric_[c]);
    out << " ";
  }
  out << "│\n";
}

void BoxTable::printTop(std::ostream& out) const {
  rule(out, "┌", "┬", "┐");
  line(out, headers_, true);
  rule(out, "├", "┼", "┤");
}

void BoxTable::printRow(std::ostream& out, const std::vector<Value>& row) const {
  std::vector<std::string> texts;
  texts.reserve(widths_.size());
  for (size_t c = 0; c < widths_.size(); ++c) {
    std::string t = cell(row, c);
    if (text::displayWidth(t) > widths_[c]) t = text::truncateToWidth(t, widths_[c]);
    texts.push_back(std::move(t));
  }
  line(out, texts, false);
}

void BoxTable::printBottom(std::ostream& out) const {
  rule(out, "└", "┴", "┘");
}

}  // namespace silkgraph::shell
