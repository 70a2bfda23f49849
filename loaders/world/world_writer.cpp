// Implements the source loaders' shared write path (world_writer.h) and the summary's text.
#include "loaders/world/world_writer.h"

#include <algorithm>
#include <stdexcept>

#include "engine/schema_rules.h"
#include "loaders/world/world_schema.h"

namespace silkgraph::world {

namespace {

using load::Cell;

// Whether a cell fits the declared type (an int also fits a float property).
bool fits(PropType t, Cell& c) {
  switch (t) {
    case PropType::Any:
      return true;
    default:
      break;
  }
  if (c.kind == Cell::Kind::Boxed) return true;  // value() checked it against the type
  switch (t) {
    case PropType::Float:
      if (c.kind == Cell::Kind::Int) {
        c.kind = Cell::Kind::Float;
        c.f = static_cast<double>(c.i);
      }
      return c.kind == Cell::Kind::Float;
    case PropType::Int:
      return c.kind == Cell::Kind::Int;
    case PropType::Bool:
      return c.kind == Cell::Kind::Bool;
    case PropType::String:
      return c.kind == Cell::Kind::String;
    case PropType::Date:
      return c.kind == Cell::Kind::Date;
    case PropType::StringList:
    case PropType::List:
      return c.kind == Cell::Kind::RawList && c.elem == load::ElemKind::String;
    default:
      return false;
  }
}

const char* cellTypeName(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Int:
      return "int";
    case Cell::Kind::Float:
      return "float";
    case Cell::Kind::Bool:
      return "bool";
    case Cell::Kind::Date:
      return "date";
    case Cell::Kind::RawList:
      return "string[]";
    default:
      return "string";
  }
}

}  // namespace

Writer::Writer(Graph& graph, Schema& schema, ImportSummary& summary)
    : graph_(graph), target_(schema), summary_(summary), stage_(graph, schema) {
  try {
    stage_.schema.merge(worldSchema());
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::LoadError,
                std::string("the database's schema does not fit the world graph's: ") + e.what());
  }
}

uint32_t Writer::addFile(const std::string& path) {
  summary_.files.push_back(path);
  return stage_.addFile(path);
}

std::string Writer::where(uint32_t file, uint32_t line) const {
  return fileName(file) + ":" + std::to_string(line);
}

bool Writer::hasNode(std::string_view id) const {
  if (staged_.count(std::string(id))) return true;
  Value key{std::string(id)};
  for (size_t l = 0; l < graph_.labelCount(); ++l)
    if (graph_.keyIndexOf(static_cast<LabelId>(l)) != kNoKey &&
        graph_.findByKey(static_cast<LabelId>(l), key) != kInvalidId)
      return true;
  return false;
}

Value Writer::graphNodeProperty(std::string_view id, std::string_view key) const {
  Value v{std::string(id)};
  KeyId k = graph_.keyId(key);
  if (k == kNoKey) return {};
  for (size_t l = 0; l < graph_.labelCount(); ++l) {
    if (graph_.keyIndexOf(static_cast<LabelId>(l)) == kNoKey) continue;
    NodeId n = graph_.findByKey(static_cast<LabelId>(l), v);
    if (n != kInvalidId) return graph_.nodeProperty(n, k);
  }
  return {};
}

std::string Writer::graphNodeLabel(std::string_view id) const {
  Value key{std::string(id)};
  for (size_t l = 0; l < graph_.labelCount(); ++l)
    if (graph_.keyIndexOf(static_cast<LabelId>(l)) != kNoKey &&
        graph_.findByKey(static_cast<LabelId>(l), key) != kInvalidId)
      return std::string(graph_.labelName(static_cast<LabelId>(l)));
  return {};
}

void Writer::node(std::string_view label, std::string_view id, uint32_t file, SourcePos pos) {
  inNode_ = true;
  file_ = file;
  pos_ = pos;
  stage_.beginNode(file, pos);
  stage_.nodeLabel(label, pos);
  stage_.nodeId(id, "id", pos);
  staged_.insert(std::string(id));
  ++nodeCounts_[std::string(label)];
}

void Writer::rel(std::string_view type, std::string_view from, std::string_view to, uint32_t file,
                 SourcePos pos) {
  inNode_ = false;
  file_ = file;
  pos_ = pos;
  stage_.beginRel(file, pos);
  stage_.relType(type, pos);
  stage_.relStart(from, pos);
  stage_.relEnd(to, pos);
  if (type_ != type) type_ = type;
  ++relCounts_[type_];
}

void Writer::prop(std::string_view key, Cell cell) {
  load::PropSpec spec = inNode_ ? stage_.nodePropSpec(key, pos_) : stage_.relPropSpec(key, pos_);
  if (!fits(spec.type, cell))
    throw Error(ErrorKind::LoadError,
                load::typeMismatch(key, spec,
                                   std::string("a ") + cellTypeName(cell) +
                                       " from the import (the database's schema "
                                       "declares it otherwise)"));
  if (inNode_) {
    if (cell.kind == Cell::Kind::String || cell.kind == Cell::Kind::RawList)
      cell.text = stage_.store(cell.text);
    stage_.nodeProp(key, cell, pos_);
  } else {
    stage_.relProp(key, cell, pos_);
  }
}

void Writer::str(std::string_view key, std::string_view value) {
  if (value.empty()) return;
  Cell c;
  c.kind = Cell::Kind::String;
  c.text = value;
  prop(key, c);
}

void Writer::num(std::string_view key, double value) {
  Cell c;
  c.kind = Cell::Kind::Float;
  c.f = value;
  prop(key, c);
}

void Writer::integer(std::string_view key, int64_t value) {
  Cell c;
  c.kind = Cell::Kind::Int;
  c.i = value;
  prop(key, c);
}

void Writer::flag(std::string_view key, bool value) {
  Cell c;
  c.kind = Cell::Kind::Bool;
  c.i = value;
  prop(key, c);
}

void Writer::date(std::string_view key, Date value) {
  Cell c;
  c.kind = Cell::Kind::Date;
  c.i = value.days;
  prop(key, c);
}

void Writer::strings(std::string_view key, const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& v : values) {
    if (v.empty()) continue;
    std::string one = v;
    std::replace(one.begin(), one.end(), ';', ',');  // ';' separates the elements
    joined += (joined.empty() ? "" : ";") + one;
  }
  if (joined.empty()) return;
  Cell c;
  c.kind = Cell::Kind::RawList;
  c.elem = load::ElemKind::String;
  c.text = own(std::move(joined));
  prop(key, c);
}

void Writer::value(std::string_view key, const Value& v) {
  if (v.isNull()) return;
  load::PropSpec spec = inNode_ ? stage_.nodePropSpec(key, pos_) : stage_.relPropSpec(key, pos_);
  if (!conforms(v, spec.type))
    fail(file_, pos_,
         load::typeMismatch(key, spec,
                            std::string("a value of type ") + Value::typeName(v.type()) +
                                " (the database's schema declares it otherwise)"));
  Value stored = coerce(v, spec.type);
  Cell c;
  switch (stored.type()) {
    case Value::Type::Bool:
      return flag(key, stored.asBool());
    case Value::Type::Int:
      return integer(key, stored.asInt());
    case Value::Type::Float:
      return num(key, stored.asFloat());
    case Value::Type::Date:
      return date(key, stored.asDate());
    case Value::Type::String:
      c.kind = Cell::Kind::String;
      c.text = own(stored.asString());
      break;
    default:
      c.kind = Cell::Kind::Boxed;
      c.i = stage_.box(std::move(stored));
      break;
  }
  prop(key, c);
}

void Writer::cite(std::string_view citation) {
  std::string one(citation);
  std::replace(one.begin(), one.end(), ';', ',');
  Cell c;
  c.kind = Cell::Kind::RawList;
  c.elem = load::ElemKind::String;
  c.text = own(std::move(one));
  prop("sources", c);
}

std::string_view Writer::own(std::string text) {
  owned_.push_back(std::move(text));
  return owned_.back();
}

void Writer::end() {
  if (inNode_)
    stage_.endNode();
  else
    stage_.endRel();
  owned_.clear();
}

void Writer::setGraphRelProperty(RelId r, std::string_view key, const Value& v, uint32_t file,
                                 SourcePos pos) {
  const std::string& type = graph_.typeName(graph_.relType(r));
  const RelTypeDef* def = stage_.schema.findRelType(type);
  const PropertyDef* p = def ? def->findProperty(key) : nullptr;
  for (const PropertyDef& common : Schema::commonProperties())
    if (!p && common.name == key) p = &common;
  if (!p) fail(file, pos, "property '" + std::string(key) + "' is not declared for " + type);
  if (!conforms(v, p->type))
    fail(file, pos,
         load::typeMismatch(key, {p->type, type},
                            std::string("a value of type ") + Value::typeName(v.type())));
  updates_.push_back({false, r, std::string(key), coerce(v, p->type)});
  if (key != "sources") ++updatedCounts_[type + " (" + std::string(key) + ")"];
}

void Writer::setGraphNodeProperty(NodeId n, std::string_view key, const Value& v, uint32_t file,
                                  SourcePos pos) {
  std::vector<LabelId> labels = graph_.nodeLabels(n);
  std::string label = labels.empty() ? std::string() : graph_.labelName(labels.front());
  const LabelDef* def = stage_.schema.findLabel(label);
  const PropertyDef* p = def ? def->findProperty(key) : nullptr;
  for (const PropertyDef& common : Schema::commonProperties())
    if (!p && common.name == key) p = &common;
  if (!p) fail(file, pos, "property '" + std::string(key) + "' is not declared for " + label);
  if (!conforms(v, p->type))
    fail(file, pos,
         load::typeMismatch(key, {p->type, label},
                            std::string("a value of type ") + Value::typeName(v.type())));
  updates_.push_back({true, n, std::string(key), coerce(v, p->type)});
  if (key != "sources") ++updatedCounts_[label + " (" + std::string(key) + ")"];
}

void Writer::skip(std::string_view reason, std::string example) {
  auto it = std::find_if(summary_.skipped.begin(), summary_.skipped.end(),
                         [&](const ImportSummary::Skip& s) { return s.reason == reason; });
  if (it == summary_.skipped.end()) {
    summary_.skipped.push_back({std::string(reason), 0, {}});
    it = summary_.skipped.end() - 1;
  }
  ++it->count;
  if (it->examples.size() < ImportSummary::kExamples) it->examples.push_back(std::move(example));
}

void Writer::finish() {
  LoadReport report;
  stage_.apply(graph_, target_, report, [this] {
    for (const Update& u : updates_) {
      KeyId k = graph_.internKey(u.key);
      if (u.node)
        graph_.setNodeProperty(static_cast<NodeId>(u.id), k, u.value);
      else
        graph_.setRelProperty(static_cast<RelId>(u.id), k, u.value);
    }
  });
  for (const LabelDef& l : worldSchema().labels()) {
    LabelId label = graph_.labelId(l.name);
    if (label == kNoLabel || graph_.keyIndexOf(label) != kNoKey) continue;
    graph_.createKeyIndex(label, graph_.internKey(l.key));
  }
  for (const auto& [name, n] : nodeCounts_) summary_.nodes.push_back({name, n});
  for (const auto& [name, n] : relCounts_) summary_.relationships.push_back({name, n});
  for (const auto& [name, n] : updatedCounts_) summary_.updated.push_back({name, n});
}

// ---- ImportSummary

size_t ImportSummary::nodeCount() const {
  size_t n = 0;
  for (const Count& c : nodes) n += c.count;
  return n;
}

size_t ImportSummary::relationshipCount() const {
  size_t n = 0;
  for (const Count& c : relationships) n += c.count;
  return n;
}

size_t ImportSummary::skippedCount(std::string_view reason) const {
  for (const Skip& s : skipped)
    if (s.reason == reason) return s.count;
  return 0;
}

std::string ImportSummary::text() const {
  auto list = [](const std::vector<Count>& counts) {
    std::string out;
    for (const Count& c : counts)
      out += (out.empty() ? "" : ", ") + std::to_string(c.count) + " " + c.name;
    return out.empty() ? std::string("none") : out;
  };
  std::string out = "Imported " + source + " from " + std::to_string(files.size()) +
                    (files.size() == 1 ? " file" : " files") + " (" + std::to_string(rows) +
                    " rows)\n";
  out += "  created nodes: " + list(nodes) + "\n";
  out += "  created relationships: " + list(relationships) + "\n";
  if (!updated.empty()) out += "  updated relationships: " + list(updated) + "\n";
  if (skipped.empty()) {
    out += "  skipped: nothing\n";
    return out;
  }
  for (const Skip& s : skipped) {
    out += "  skipped " + std::to_string(s.count) + ": " + s.reason + "\n";
    for (const std::string& e : s.examples) out += "    e.g. " + e + "\n";
  }
  return out;
}

}  // namespace silkgraph::world
