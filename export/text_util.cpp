// Text helpers shared by the exporters (see text_util.h).
#include "export/text_util.h"

#include <cmath>
#include <cstdio>
#include <vector>

namespace silkgraph::exporttext {

size_t decodeUtf8(std::string_view s, size_t i, char32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    value = b0 & 0x1F;
    minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    value = b0 & 0x0F;
    minimum = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    value = b0 & 0x07;
    minimum = 0x10000;
  } else {
    cp = kReplacement;
    return 1;
  }
  if (i + len > s.size()) {
    cp = kReplacement;
    return 1;
  }
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      cp = kReplacement;
      return 1;
    }
    value = (value << 6) | (b & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    cp = kReplacement;
    return 1;
  }
  cp = value;
  return len;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int displayWidth(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F)) return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
      (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

namespace {

size_t widthOf(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    i += decodeUtf8(s, i, cp);
    w += static_cast<size_t>(displayWidth(cp));
  }
  return w;
}

void wrapLine(std::string_view line, size_t width, std::string& out) {
  std::string current;
  size_t currentWidth = 0;
  bool started = false;  // whether `current` holds at least one word of this line
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view word = line.substr(start, end - start);
    const size_t w = widthOf(word);
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
    if (widthOf(line) <= width) {
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

std::string truncateText(std::string_view text, size_t maxChars) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    if (count == maxChars) return std::string(text.substr(0, i)) + "\u2026";
    char32_t cp = 0;
    i += decodeUtf8(text, i, cp);
    ++count;
  }
  return std::string(text);
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
    char32_t cp = 0;
    i += decodeUtf8(s, i, cp);
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
          appendUtf8(out, cp);
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
