// Text helpers shared by the exporters (see text_util.h); UTF-8 and widths from common/text.h.
#include "export/text_util.h"

#include <cstdio>

#include "common/text.h"

namespace silkgraph::exporttext {

namespace {

void wrapLine(std::string_view line, size_t width, std::string& out) {
  std::string current;
  size_t currentWidth = 0;
  bool started = false;  // whether `current` holds at least one word of this line
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view word = line.substr(start, end - start);
    const size_t w = text::displayWidth(word);
    if (started && currentWidth > 0 && currentWidth + 1 + w > width) {
      out += current;
      out.push_back('\n');
      current.clear();
      currentWidth = 0;
      started = false;
    }
    if (started) {
      current.push_back(' ');
      ++currentWidth;
    }
    current += word;
    currentWidth += w;
    started = true;
    start = end + 1;
  }
  out += current;
}

}  // namespace

std::string wrapText(std::string_view text, size_t width) {
  if (width == 0) return std::string(text);
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t nl = text.find('\n', start);
    const std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (text::displayWidth(line) <= width) {
      out += line;
    } else {
      wrapLine(line, width, out);
    }
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    start = nl + 1;
  }
  return out;
}

namespace {

// Plain text for labels and tooltips: strings and dates bare, entities described.
class PlainNotation final : public ValueNotation {
 public:
  void string(std::string& out, const std::string& s) const override { out += s; }
  void date(std::string& out, Date d) const override { out += formatDate(d); }
  void mapKey(std::string& out, const std::string& key) const override { out += key; }
  void entity(std::string& out, const Value& v) const override {
    if (v.type() == Value::Type::Node)
      out += "node #" + std::to_string(v.asNode());
    else if (v.type() == Value::Type::Rel)
      out += "relationship #" + std::to_string(v.asRel());
    else
      out += "path of " + std::to_string(v.asPath().rels.size()) + " relationships";
  }
};

}  // namespace

std::string plainText(const Value& v) {
  std::string out;
  appendValueText(out, v, PlainNotation{});
  return out;
}

namespace {

void appendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = text::next(s, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (cp < 0x20 || cp == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
          out += buf;
        } else {
          text::append(out, cp);
        }
    }
  }
  out.push_back('"');
}

// JSON: non-finite floats become null; dates and graph entities become strings.
class JsonNotation final : public ValueNotation {
 public:
  void string(std::string& out, const std::string& s) const override { appendJsonString(out, s); }
  void date(std::string& out, Date d) const override { appendJsonString(out, formatDate(d)); }
  void mapKey(std::string& out, const std::string& key) const override {
    appendJsonString(out, key);
  }
  void entity(std::string& out, const Value& v) const override {
    appendJsonString(out, plainText(v));
  }
  void nonFinite(std::string& out, double) const override { out += "null"; }
};

}  // namespace

std::string jsonText(const Value& v) {
  std::string out;
  appendValueText(out, v, JsonNotation{});
  return out;
}

}  // namespace silkgraph::exporttext
