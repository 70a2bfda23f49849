// DOT exporter (see dot_exporter.h). Styling lives in one table so the nodes and the legend
// can never disagree; all text goes through escapeDot().
#include "export/dot_exporter.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "common/text.h"
#include "engine/error.h"
#include "export/dot_clusters.h"
#include "export/text_util.h"

namespace silkgraph {

namespace {

struct NodeStyle {
  std::string shape;
  std::string style;  // "filled" or "filled,rounded"
  std::string fill;
  std::string border;
};

struct KnownLabel {
  std::string_view label;
  std::string_view shape;
  std::string_view style;
  std::string_view fill;
  std::string_view border;
};

struct KnownType {
  std::string_view type;
  std::string_view color;
};

// The bundled styles, kKnownLabels and kKnownTypes, generated from the data file
// samples/schema/geopolitics.dot-style. The order of the labels is also the priority when a
// node carries several of them.
#include "export/bundled_dot_style.inc"

constexpr std::array<std::string_view, 8> kFallbackShapes{
    "ellipse", "box", "hexagon", "octagon", "house", "trapezium", "invhouse", "tab"};

// FNV-1a: a stable hash, so colours do not change between runs or platforms.
uint32_t stableHash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string hsv(double h, double s, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f %.3f %.3f", h, s, v);
  return buf;
}

NodeStyle styleForLabel(std::string_view label) {
  for (const KnownLabel& k : kKnownLabels) {
    if (k.label == label) {
      return {std::string(k.shape), std::string(k.style), std::string(k.fill),
              std::string(k.border)};
    }
  }
  if (label.empty()) return {"ellipse", "filled,dashed", "#ffffff", "#999999"};
  const uint32_t h = stableHash(label);
  const double hue = static_cast<double>(h % 360) / 360.0;
  return {std::string(kFallbackShapes[(h / 360) % kFallbackShapes.size()]), "filled",
          hsv(hue, 0.22, 0.97), hsv(hue, 0.65, 0.60)};
}

// Dark enough for labels on white, distinct enough to tell types apart (Tableau 10, darkened).
constexpr std::array<std::string_view, 10> kEdgePalette{"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                                        "#8c564b", "#c2459b", "#555555", "#8c8c1a",
                                                        "#138d9c", "#e6700a"};

std::string edgeColor(std::string_view type) {
  for (const KnownType& k : kKnownTypes) {
    if (k.type == type) return std::string(k.color);
  }
  return std::string(kEdgePalette[stableHash(type) % kEdgePalette.size()]);
}

// Text inside a DOT double-quoted string. Labels are escStrings: backslash starts an escape
// (\n, \N, \G ...) and '&' starts an HTML entity, so both are escaped to stay literal.
// Newlines become the centred line break \n; other control characters become spaces and
// invalid UTF-8 becomes U+FFFD, which Graphviz accepts without warnings.
std::string escapeDot(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const size_t len = text::decode(s, i, cp);
    if (cp == '\r') {
      out += "\\n";
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '&') {
      out += "&amp;";
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      out.push_back(' ');
    } else if (cp == text::kReplacement) {
      text::append(out, cp);
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string quoted(std::string_view s) {
  return "\"" + escapeDot(s) + "\"";
}

std::string yearOf(const Value& v) {
  if (v.type() == Value::Type::Date) {
    int y = 0;
    unsigned m = 0, d = 0;
    dateToYmd(v.asDate(), y, m, d);
    return std::to_string(y);
  }
  return exporttext::plainText(v);
}

class DotWriter {
 public:
  DotWriter(const Graph& g, const DotOptions& o, std::ostream& out) : g_(g), opt_(o), out_(out) {
    nameKey_ = g.keyId("name");
    idKey_ = g.keyId("id");
    for (std::string_view k : {"resource", "title", "sector", "year", "order"}) {
      edgeKeys_.emplace_back(std::string(k), g.keyId(k));
    }
    validFromKey_ = g.keyId("valid_from");
    validToKey_ = g.keyId("valid_to");
  }

  void write(const Subgraph& sub) {
    std::vector<NodeId> nodes = sub.nodes;
    for (RelId r : sub.rels) {
      if (!g_.relExists(r)) continue;
      nodes.push_back(g_.relSource(r));
      nodes.push_back(g_.relTarget(r));
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    std::vector<RelId> rels = sub.rels;
    std::sort(rels.begin(), rels.end());
    rels.erase(std::unique(rels.begin(), rels.end()), rels.end());
    checkSize(nodes.size(), rels.size());

    // Groups keep the id order of their first relationship, so output stays deterministic.
    std::vector<std::vector<RelId>> groups;
    std::map<std::tuple<NodeId, NodeId, TypeId>, size_t> groupOf;
    for (RelId r : rels) {
      if (!g_.relExists(r)) continue;
      if (!opt_.mergeParallel) {
        groups.push_back({r});
        continue;
      }
      const auto key = std::make_tuple(g_.relSource(r), g_.relTarget(r), g_.relType(r));
      const auto [it, added] = groupOf.emplace(key, groups.size());
      if (added) groups.emplace_back();
      groups[it->second].push_back(r);
    }
    layout_ = chooseLayout(nodes.size(), groups.size());
    overview_ = layout_ != "dot";

    out_ << "digraph " << quoted(opt_.graphName) << " {\n";
    writeGraphAttributes();
    out_ << "  node [fontname=\"DejaVu Sans\", fontsize=11, penwidth=1.2, margin=\"0.12,0.06\"];\n";
    out_ << "  edge [fontname=\"DejaVu Sans\", fontsize=9, arrowsize="
         << (overview_ ? "0.5" : "0.7") << "];\n";

    std::map<std::string, size_t> labelCounts;  // primary label -> nodes drawn with its style
    for (NodeId n : nodes) {
      if (!g_.nodeExists(n)) continue;
      const std::string label = primaryLabel(n);
      ++labelCounts[label];
      writeNode(n, label);
    }
    if (!opt_.clusterBy.empty()) writeClusters(nodes);
    std::map<std::string, size_t> typeCounts;  // relationship type -> relationships drawn
    for (const auto& group : groups) {
      writeEdge(group);
      typeCounts[g_.typeName(g_.relType(group.front()))] += group.size();
    }
    if (opt_.legend && overview_) writeTableLegend(labelCounts, typeCounts);
    if (opt_.legend && !overview_) writeLegend(labelCounts);
    out_ << "}\n";
  }

 private:
  void checkSize(size_t nodes, size_t rels) const {
    if (opt_.force || (nodes <= opt_.maxNodes && rels <= opt_.maxRels)) return;
    throw Error(ErrorKind::ArgumentError,
                "the picture would have " + std::to_string(nodes) + " nodes and " +
                    std::to_string(rels) + " relationships; export dot draws at most " +
                    std::to_string(opt_.maxNodes) + " nodes and " + std::to_string(opt_.maxRels) +
                    " relationships, beyond which a picture is unreadable and Graphviz may not "
                    "finish. Draw a part with --query, e.g. --query \"MATCH p = (:Nation {id: "
                    "'KOR'})-[]-() RETURN p LIMIT 100\", or give --force to draw it all");
  }

  std::string chooseLayout(size_t nodes, size_t arrows) const {
    if (!opt_.layout.empty() && opt_.layout != "auto") {
      if (!isDotLayout(opt_.layout))
        throw Error(ErrorKind::ArgumentError, "--layout must be one of " +
                                                  std::string(dotLayoutChoices()) + ", not '" +
                                                  opt_.layout + "'");
      return opt_.layout;
    }
    if (nodes <= kDotLayeredNodes && arrows <= kDotLayeredArrows) return "dot";
    // sfdp does not draw clusters; fdp does.
    return opt_.clusterBy.empty() ? "sfdp" : "fdp";
  }

  void writeGraphAttributes() {
    out_ << "  graph [charset=\"UTF-8\", ";
    if (!overview_) {
      out_ << "rankdir=" << quoted(validRankdir())
           << ", fontname=\"DejaVu Sans\", fontsize=12, nodesep=0.3, ranksep=0.8, "
              "overlap=false, splines=true, outputorder=edgesfirst, pad=0.3";
    } else {
      // Force-directed: nodes pushed apart (K, repulsiveforce), overlaps removed by prism from a
      // layout scaled to twice the average label (overlap_scaling; 4 times by default left
      // pictures a third larger with nothing gained),
      // straight arrows (routing splines around 200 nodes takes Graphviz minutes).
      out_ << "layout=" << layout_
           << ", fontname=\"DejaVu Sans\", fontsize=12, overlap=prism, overlap_scaling=-2, "
              "splines=false, "
              "outputorder=edgesfirst, pad=0.3";
      if (layout_ == "sfdp") out_ << ", K=2.2, repulsiveforce=2.0";
      if (layout_ == "fdp") out_ << ", K=1.2";
      if (layout_ == "neato") out_ << ", sep=\"+8\"";
    }
    if (!opt_.title.empty()) {
      out_ << ", label=" << quoted(opt_.title) << ", labelloc=t, fontsize=16";
    }
    out_ << "];\n";
  }

  void writeClusters(const std::vector<NodeId>& nodes) {
    const DotClusters clusters = clusterNodes(g_, nodes, opt_.clusterBy);
    std::vector<std::vector<NodeId>> members(clusters.names.size());
    for (NodeId n : nodes) {
      auto it = clusters.clusterOf.find(n);
      if (it != clusters.clusterOf.end()) members[it->second].push_back(n);
    }
    for (size_t i = 0; i < members.size(); ++i) {
      out_ << "  subgraph cluster_" << i << " {\n";
      out_ << "    graph [label=" << quoted(clusters.names[i])
           << ", style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#bbbbbb\", "
              "fontsize=13, fontcolor=\"#444444\"];\n";
      out_ << "   ";
      for (NodeId n : members[i]) out_ << " n" << n << ";";
      out_ << "\n  }\n";
    }
  }

  std::string validRankdir() const {
    for (const char* d : {"LR", "TB", "RL", "BT"}) {
      if (opt_.rankdir == d) return d;
    }
    throw Error(ErrorKind::ArgumentError,
                "DOT rankdir must be LR, TB, RL or BT, not '" + opt_.rankdir + "'");
  }

  // The label whose style a node is drawn with: a label of the bundled styles first,
  // otherwise the alphabetically first one; empty for a node without labels.
  std::string primaryLabel(NodeId n) const {
    std::vector<std::string> names;
    for (LabelId l : g_.nodeLabels(n)) names.push_back(g_.labelName(l));
    for (const KnownLabel& k : kKnownLabels) {
      if (std::find(names.begin(), names.end(), k.label) != names.end()) {
        return std::string(k.label);
      }
    }
    if (names.empty()) return {};
    return *std::min_element(names.begin(), names.end());
  }

  std::optional<std::string> textProperty(NodeId n, KeyId k) const {
    if (k == kNoKey) return std::nullopt;
    const Value v = g_.nodeProperty(n, k);
    if (v.isNull()) return std::nullopt;
    std::string text = exporttext::plainText(v);
    if (text.empty()) return std::nullopt;
    return text;
  }

  std::string caption(NodeId n, const std::string& label) const {
    if (auto name = textProperty(n, nameKey_)) return *name;
    if (auto id = textProperty(n, idKey_)) return *id;
    return (label.empty() ? std::string("node") : label) + " #" + std::to_string(n);
  }

  // "key: value" lines sorted by key, for SVG tooltips.
  template <typename ForEach>
  std::string propertyLines(ForEach&& forEach) const {
    std::vector<std::pair<std::string, std::string>> props;
    forEach([&](KeyId k, const Value& v) {
      props.emplace_back(g_.keyName(k), text::truncateChars(exporttext::plainText(v), 160));
    });
    std::sort(props.begin(), props.end());
    std::string text;
    for (const auto& [k, v] : props) text += "\n" + k + ": " + v;
    return text;
  }

  void writeNode(NodeId n, const std::string& label) {
    const NodeStyle st = styleForLabel(label);
    const std::string text = exporttext::wrapText(caption(n, label), opt_.wrapWidth);
    out_ << "  n" << n << " [label=" << quoted(text) << ", shape=" << st.shape
         << ", style=" << quoted(st.style) << ", fillcolor=" << quoted(st.fill)
         << ", color=" << quoted(st.border);
    // The arrow tip of `cds` and the slant of `parallelogram` eat into the text area.
    if (st.shape == "cds" || st.shape == "parallelogram") out_ << ", margin=\"0.25,0.06\"";
    if (opt_.tooltips) {
      std::vector<std::string> names;
      for (LabelId l : g_.nodeLabels(n)) names.push_back(g_.labelName(l));
      std::sort(names.begin(), names.end());
      std::string tip;
      for (const std::string& l : names) tip += ":" + l;
      tip += " #" + std::to_string(n);
      tip += propertyLines([&](auto&& f) { g_.forEachNodeProperty(n, f); });
      out_ << ", tooltip=" << quoted(tip);
    }
    out_ << "];\n";
  }

  // The key properties of one relationship: `text` from resource, title, sector and order,
  // and when it is dated, the year (an integer `year`) or a period from valid_from/valid_to.
  struct EdgeDetail {
    std::string text;
    std::optional<int64_t> year;
    std::string period;
  };

  EdgeDetail edgeDetail(RelId r) const {
    EdgeDetail d;
    std::string otherYear;
    for (const auto& [name, key] : edgeKeys_) {
      if (key == kNoKey) continue;
      const Value v = g_.relProperty(r, key);
      if (v.isNull()) continue;
      if (name == "year" && v.type() == Value::Type::Int) {
        d.year = v.asInt();
        continue;
      }
      std::string text = text::truncateChars(exporttext::plainText(v), 64);
      if (text.empty()) continue;
      if (name == "year") {
        otherYear = text;
        continue;
      }
      if (name == "order") text = "#" + text;
      if (!d.text.empty()) d.text += " ";
      d.text += text;
    }
    if (!otherYear.empty()) {
      d.period = otherYear;
    } else if (!d.year) {
      const Value from = validFromKey_ == kNoKey ? Value() : g_.relProperty(r, validFromKey_);
      const Value to = validToKey_ == kNoKey ? Value() : g_.relProperty(r, validToKey_);
      if (!from.isNull() && !to.isNull()) {
        const std::string a = yearOf(from), b = yearOf(to);
        if (a != b) {
          d.period = a + "\u2013" + b;
        } else if (from.type() == Value::Type::Date) {
          d.year = std::stoll(a);  // a fact dated within one year joins the year ranges
        } else {
          d.period = a;
        }
      } else if (!from.isNull()) {
        d.period = "since " + yearOf(from);
      } else if (!to.isNull()) {
        d.period = "until " + yearOf(to);
      }
    }
    return d;
  }

  // "2009–2012, 2015": runs of consecutive years collapse into ranges.
  static std::string yearRanges(std::vector<int64_t> years) {
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    std::string out;
    for (size_t i = 0; i < years.size();) {
      size_t j = i;
      while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
      if (!out.empty()) out += ", ";
      out += std::to_string(years[i]);
      if (j > i) out += "\u2013" + std::to_string(years[j]);
      i = j + 1;
    }
    return out;
  }

  // The type, then the key properties: "SUPPLIES\nREE 2023" for one relationship. Parallel
  // relationships drawn as one arrow get "TYPE ×N" and one line per distinct text with its
  // years, e.g. "SUPPLIES ×5\nREE 2009–2012, 2015", at most kMaxGroups lines.
  std::string edgeLabel(const std::vector<RelId>& group) const {
    struct Line {
      std::string text;
      std::vector<int64_t> years;
      std::vector<std::string> periods;
    };
    std::vector<Line> lines;
    for (RelId r : group) {
      EdgeDetail d = edgeDetail(r);
      auto it =
          std::find_if(lines.begin(), lines.end(), [&](const Line& l) { return l.text == d.text; });
      if (it == lines.end()) {
        lines.push_back({d.text, {}, {}});
        it = lines.end() - 1;
      }
      if (d.year) it->years.push_back(*d.year);
      if (!d.period.empty() &&
          std::find(it->periods.begin(), it->periods.end(), d.period) == it->periods.end()) {
        it->periods.push_back(d.period);
      }
    }
    constexpr size_t kMaxGroups = 6;
    std::string label = g_.typeName(g_.relType(group.front()));
    if (group.size() > 1) label += " \u00d7" + std::to_string(group.size());
    for (size_t i = 0; i < lines.size() && i < kMaxGroups; ++i) {
      std::string dates = yearRanges(lines[i].years);
      for (const std::string& p : lines[i].periods) dates += (dates.empty() ? "" : ", ") + p;
      std::string line = lines[i].text;
      if (!dates.empty()) line += (line.empty() ? "" : " ") + dates;
      if (!line.empty()) label += "\n" + exporttext::wrapText(line, 26);
    }
    if (lines.size() > kMaxGroups) {
      label += "\n\u2026 +" + std::to_string(lines.size() - kMaxGroups) + " more";
    }
    return label;
  }

  // One arrow for `group`: relationships with the same start, end and type (a single one
  // unless options.mergeParallel).
  void writeEdge(const std::vector<RelId>& group) {
    const RelId first = group.front();
    const std::string& type = g_.typeName(g_.relType(first));
    const std::string color = edgeColor(type);
    out_ << "  n" << g_.relSource(first) << " -> n" << g_.relTarget(first);
    if (overview_) {
      // Colour says the type (the legend lists them), half transparent so that nodes stay
      // legible where arrows cross; a bundle says its count.
      out_ << " [color=" << quoted(color + "99");
      if (group.size() > 1)
        out_ << ", label=" << quoted("\u00d7" + std::to_string(group.size()))
             << ", fontcolor=" << quoted(color);
    } else {
      out_ << " [label=" << quoted(edgeLabel(group)) << ", color=" << quoted(color)
           << ", fontcolor=" << quoted(color);
    }
    if (group.size() > 1) out_ << ", penwidth=" << (group.size() >= 5 ? "2.2" : "1.6");
    if (opt_.tooltips) {
      std::string tip;
      for (size_t i = 0; i < group.size(); ++i) {
        if (i == kMaxTooltipRels) {
          tip += "\n\n\u2026 " + std::to_string(group.size() - i) + " more";
          break;
        }
        if (i > 0) tip += "\n\n";
        tip += ":" + type + " #" + std::to_string(group[i]);
        tip += propertyLines([&](auto&& f) { g_.forEachRelProperty(group[i], f); });
      }
      out_ << ", tooltip=" << quoted(tip) << ", labeltooltip=" << quoted(tip);
    }
    out_ << "];\n";
  }

  static constexpr size_t kMaxTooltipRels = 12;

  void writeLegend(const std::map<std::string, size_t>& counts) {
    // A legend is only useful when some node has a label.
    if (counts.empty() || (counts.size() == 1 && counts.begin()->first.empty())) return;
    out_ << "  subgraph cluster_legend {\n";
    out_ << "    graph [label=\"Legend\", style=\"rounded,dashed\", color=\"#999999\", "
            "fontsize=12, fontcolor=\"#555555\"];\n";
    // Unconnected nodes share one rank, so the entries stack in a single column (for LR).
    size_t i = 0;
    for (const auto& [label, count] : counts) {
      const NodeStyle st = styleForLabel(label);
      const std::string text =
          (label.empty() ? std::string("(no label)") : label) + " (" + std::to_string(count) + ")";
      const std::string id = "legend_" + std::to_string(i++);
      out_ << "    " << id << " [label=" << quoted(text) << ", shape=" << st.shape
           << ", style=" << quoted(st.style) << ", fillcolor=" << quoted(st.fill)
           << ", color=" << quoted(st.border) << ", fontsize=10, tooltip="
           << quoted("nodes labelled " + (label.empty() ? std::string("with nothing") : label))
           << "];\n";
    }
    out_ << "  }\n";
  }

  // The legend of an overview: one node holding a table of the node styles and the arrow
  // colours drawn, with their counts (a cluster of sample nodes would be scattered by a
  // force-directed layout).
  void writeTableLegend(const std::map<std::string, size_t>& labels,
                        const std::map<std::string, size_t>& types) {
    if (labels.empty() && types.empty()) return;
    // Labels on the left, the most frequent relationship types on the right; the rarest types
    // are summed up in one line, so that the legend stays shorter than the picture.
    std::vector<std::pair<std::string, size_t>> byCount(types.begin(), types.end());
    std::stable_sort(byCount.begin(), byCount.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    const size_t shownTypes = std::min(byCount.size(), std::max<size_t>(labels.size(), 12));
    const size_t rows = std::max(labels.size(), shownTypes + (shownTypes < byCount.size()));
    out_ << "  legend [shape=plain, fontsize=10, tooltip=\"legend\", label=<<table border=\"1\" "
            "color=\"#999999\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\">"
            "<tr><td colspan=\"4\"><font point-size=\"12\">Legend</font></td></tr>";
    auto label = labels.begin();
    for (size_t i = 0; i < rows; ++i) {
      out_ << "<tr>";
      if (label != labels.end()) {
        const NodeStyle st = styleForLabel(label->first);
        out_ << "<td bgcolor=\"" << hexColor(st.fill) << "\" border=\"1\" color=\""
             << hexColor(st.border) << "\">"
             << htmlText(label->first.empty() ? "(no label)" : label->first)
             << "</td><td align=\"left\">" << label->second << "</td>";
        ++label;
      } else {
        out_ << "<td></td><td></td>";
      }
      if (i < shownTypes) {
        out_ << "<td align=\"left\"><font color=\"" << edgeColor(byCount[i].first)
             << "\">\u2501\u2501 " << htmlText(byCount[i].first)
             << "</font></td><td align=\"left\">" << byCount[i].second << "</td>";
      } else if (i == shownTypes && shownTypes < byCount.size()) {
        size_t rest = 0;
        for (size_t j = shownTypes; j < byCount.size(); ++j) rest += byCount[j].second;
        out_ << "<td align=\"left\">" << (byCount.size() - shownTypes)
             << " other types</td><td align=\"left\">" << rest << "</td>";
      } else {
        out_ << "<td></td><td></td>";
      }
      out_ << "</tr>";
    }
    out_ << "</table>>];\n";
  }

  // Text inside an HTML-like label: the markup characters as entities.
  static std::string htmlText(std::string_view s) {
    std::string out;
    for (char c : escapeDot(s)) {
      if (c == '<') {
        out += "&lt;";
      } else if (c == '>') {
        out += "&gt;";
      } else {
        out += c;
      }
    }
    return out;
  }

  // "#rrggbb" for a colour written "#rrggbb" or as Graphviz HSV "h s v".
  static std::string hexColor(const std::string& c) {
    if (c.empty() || c[0] == '#') return c;
    double h = 0, sat = 0, v = 0;
    if (std::sscanf(c.c_str(), "%lf %lf %lf", &h, &sat, &v) != 3) return "#ffffff";
    const int i = static_cast<int>(h * 6) % 6;
    const double f = h * 6 - static_cast<int>(h * 6);
    const double p = v * (1 - sat), q = v * (1 - f * sat), t = v * (1 - (1 - f) * sat);
    const double rgb[6][3] = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(rgb[i][0] * 255 + 0.5),
                  static_cast<int>(rgb[i][1] * 255 + 0.5), static_cast<int>(rgb[i][2] * 255 + 0.5));
    return buf;
  }

  const Graph& g_;
  const DotOptions& opt_;
  std::ostream& out_;
  std::string layout_ = "dot";
  bool overview_ = false;
  KeyId nameKey_;
  KeyId idKey_;
  KeyId validFromKey_;
  KeyId validToKey_;
  std::vector<std::pair<std::string, KeyId>> edgeKeys_;
};

}  // namespace

const char* dotLayoutChoices() {
  return "auto|dot|sfdp|neato|fdp|circo|twopi";
}

bool isDotLayout(std::string_view layout) {
  for (std::string_view l : {"auto", "dot", "sfdp", "neato", "fdp", "circo", "twopi"})
    if (l == layout) return true;
  return false;
}

void writeDot(const Graph& graph, const Subgraph& sub, std::ostream& out,
              const DotOptions& options) {
  DotWriter(graph, options, out).write(sub);
}

}  // namespace silkgraph
