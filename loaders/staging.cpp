// Staging area of a load: format-independent validation of nodes and relationships, and the
// single transactional apply step. See staging.h for why loads are staged.
#include "loaders/staging.h"

#include <algorithm>
#include <cstring>

#include "loaders/rel_writer.h"

namespace silkgraph::load {

namespace {

constexpr size_t kChunk = 1 << 16;

// Built by appending: GCC 12's -Wrestrict misfires on `"'" + std::string(...)` at -O3.
std::string quoteId(std::string_view id) {
  std::string out;
  out.reserve(id.size() + 2);
  out += '\'';
  out += id;
  out += '\'';
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------- helpers

std::string_view Arena::store(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > capacity_ - used_) {
    size_t size = std::max(kChunk, s.size());
    chunks_.push_back(std::make_unique<char[]>(size));
    used_ = 0;
    capacity_ = size;
    if (chunks_.size() == 1) firstCapacity_ = size;
  }
  char* dst = chunks_.back().get() + used_;
  std::memcpy(dst, s.data(), s.size());
  used_ += s.size();
  bytes_ += s.size();
  return {dst, s.size()};
}

void Arena::clear() {
  if (chunks_.size() > 1) chunks_.resize(1);
  used_ = 0;
  capacity_ = firstCapacity_;
  bytes_ = 0;
}

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parseIntText(std::string_view s, int64_t& out) {
  s = trimSpaces(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parseFloatText(std::string_view s, double& out) {
  s = trimSpaces(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parseBoolText(std::string_view s, bool& out) {
  s = trimSpaces(s);
  auto eq = [&](const char* w) {
    size_t n = std::strlen(w);
    if (s.size() != n) return false;
    for (size_t i = 0; i < n; ++i)
      if ((s[i] | 0x20) != w[i]) return false;
    return true;
  };
  if (eq("true")) return out = true, true;
  if (eq("false")) return out = false, true;
  return false;
}

std::string describeText(std::string_view s) {
  std::string out = "string \"";
  size_t shown = 0;
  for (char c : s) {
    if (++shown > 60) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string tooManyRelTypes(std::string_view type, size_t count) {
  return "too many relationship types: type '" + std::string(type) +
         "' would be relationship type number " + std::to_string(count + 1) +
         " of a graph, which holds at most " + std::to_string(kNoType);
}

std::string typeMismatch(std::string_view key, const PropSpec& spec, std::string_view got) {
  return rules::typeMismatch(key, spec.owner, spec.type, got, temporalForms(spec.type));
}

// ---------------------------------------------------------------------------- Stage

Stage::Stage(Graph& graph, const Schema& s) : schema(s), graph_(graph) {
  for (size_t l = 0; l < graph.labelCount(); ++l)
    if (graph.keyIndexOf(static_cast<LabelId>(l)) != kNoKey)
      indexedLabels_.push_back(static_cast<LabelId>(l));
}

uint32_t Stage::addFile(const std::string& name) {
  files_.push_back(name);
  return static_cast<uint32_t>(files_.size() - 1);
}

std::string Stage::where(uint32_t file, SourcePos pos) const {
  std::string out = files_[file];
  if (pos.known()) out += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col);
  return out;
}

void Stage::fail(uint32_t file, SourcePos pos, const std::string& message) const {
  // Rows before this one are still being written: an error there comes first.
  if (writer_) writer_->drain();
  Error e(ErrorKind::LoadError, message, pos);
  e.setFile(files_[file]);
  throw e;
}

uint32_t Stage::box(Value v) {
  boxed_.push_back(std::move(v));
  return static_cast<uint32_t>(boxed_.size() - 1);
}

uint32_t Stage::intern(Names& names, std::string_view s) {
  auto it = names.index.find(s);
  if (it != names.index.end()) return it->second;
  std::string_view stored = arena_.store(s);
  uint32_t id = static_cast<uint32_t>(names.list.size());
  names.list.push_back(stored);
  names.index.emplace(stored, id);
  return id;
}

NodeId Stage::findInGraph(std::string_view id) const {
  if (indexedLabels_.empty() || graph_.nodeCount() == 0) return kInvalidId;
  Value key{std::string(id)};
  for (LabelId l : indexedLabels_) {
    NodeId n = graph_.findByKey(l, key);
    if (n != kInvalidId) return n;
  }
  return kInvalidId;
}

std::string Stage::nodeName() const {
  const Node& n = nodes_.back();
  return n.id.empty() ? std::string("node") : "node " + quoteId(n.id);
}

bool Stage::hasProp(uint32_t begin, uint32_t count, std::string_view key) const {
  return findProp(begin, count, key) != nullptr;
}

const Stage::Prop* Stage::findProp(uint32_t begin, uint32_t count, std::string_view key) const {
  for (uint32_t i = begin; i < begin + count; ++i)
    if (keys_.list[props_[i].key] == key) return &props_[i];
  return nullptr;
}

// The id is unique across the graph already; a label keyed on another property (say
// "wikidata") needs that property unique within the label too, in the load and the graph.
void Stage::checkKeyUnique(uint32_t label, const LabelDef& def) {
  const Node& n = nodes_.back();
  const Prop* p = findProp(n.propBegin, n.propCount, def.key);
  if (!p) return;
  const Cell& c = p->value;
  Value v = c.kind == Cell::Kind::String  ? Value(std::string(c.text))
            : c.kind == Cell::Kind::Boxed ? boxed_[static_cast<size_t>(c.i)]
            : c.kind == Cell::Kind::Int   ? Value(c.i)
            : c.kind == Cell::Kind::Float ? Value(c.f)
            : c.kind == Cell::Kind::Bool  ? Value(c.i != 0)
            : c.kind == Cell::Kind::Date  ? Value(Date{static_cast<int32_t>(c.i)})
                                          : Value(std::string(c.text));
  const std::string what =
      "duplicate key " + def.key + " " + v.toCypherLiteral() + " of " + def.name;
  auto& seen = nodeByKey_[label];
  auto [it, fresh] = seen.emplace(v, static_cast<uint32_t>(nodes_.size() - 1));
  if (!fresh) {
    const Node& first = nodes_[it->second];
    fail(n.file, p->pos,
         what + " (first used by node " + quoteId(first.id) + " at " +
             where(first.file, first.pos) + ")");
  }
  LabelId l = graph_.labelId(def.name);
  if (l != kNoLabel && graph_.keyIndexOf(l) == graph_.keyId(def.key) &&
      graph_.findByKey(l, v) != kInvalidId && graph_.findByKey(l, v) != n.existing)
    fail(n.file, p->pos, what + " (a node with this key is already in the graph)");
}

void Stage::addProp(uint32_t propBegin, uint32_t& propCount, std::string_view key,
                    const Cell& value, SourcePos pos, uint32_t file) {
  if (value.kind == Cell::Kind::Null) return;  // null means absent
  if (hasProp(propBegin, propCount, key))
    fail(file, pos, "property '" + std::string(key) + "' is given twice");
  props_.push_back(Prop{intern(keys_, key), pos, value});
  ++propCount;
}

// ---- nodes

void Stage::beginNode(uint32_t file, SourcePos pos) {
  inNode_ = true;
  Node n;
  n.file = file;
  n.pos = pos;
  n.labelBegin = static_cast<uint32_t>(nodeLabels_.size());
  n.propBegin = static_cast<uint32_t>(props_.size());
  nodes_.push_back(n);
  nodeDefs_.clear();
}

void Stage::nodeLabel(std::string_view label, SourcePos pos) {
  Node& n = nodes_.back();
  if (label.empty()) fail(n.file, pos, "empty label");
  if (!schema.empty() && !schema.findLabel(label))
    fail(n.file, pos, rules::undeclaredLabel(label, {}, schema));
  const size_t staged = labels_.list.size();
  uint32_t id = intern(labels_, label);
  if (labels_.list.size() != staged && graph_.labelId(label) == kNoLabel &&
      graph_.labelCount() + ++newLabels_ > kNoLabel)
    fail(n.file, pos,
         "too many labels: label '" + std::string(label) + "' would be label number " +
             std::to_string(graph_.labelCount() + newLabels_) +
             " of a graph, which holds at most " + std::to_string(kNoLabel));
  if (labelLastNode_.size() <= id) labelLastNode_.resize(size_t{id} + 1, 0);
  const auto node = static_cast<uint32_t>(nodes_.size());  // this node's index + 1
  if (labelLastNode_[id] == node) return;
  labelLastNode_[id] = node;
  nodeLabels_.push_back(id);
  ++n.labelCount;
  nodeDefs_.push_back(schema.findLabel(label));  // null in an open graph
}

void Stage::nodeId(std::string_view id, std::string_view prop, SourcePos pos) {
  Node& n = nodes_.back();
  if (id.empty()) fail(n.file, pos, "empty node id");
  if (uint32_t found = nodeById_.find(id); found != StringIndex::kNone && found < kGraphNode) {
    const Node& first = nodes_[found];
    fail(n.file, pos,
         "duplicate node id " + quoteId(id) + " (first defined at " +
             where(first.file, first.idPos) + ")");
  }
  const NodeId inGraph = findInGraph(id);
  if (inGraph != kInvalidId && !update_)
    fail(n.file, pos,
         "duplicate node id " + quoteId(id) +
             " (a node with this id is already in the graph; `build --update` or "
             "`:load --merge` updates it instead)");
  n.id = arena_.store(id);
  n.idPos = pos;
  n.idKey = intern(keys_, prop);
  if (nodes_.size() >= kGraphNode) fail(n.file, pos, "too many nodes in one load");
  nodeById_.insert(n.id, static_cast<uint32_t>(nodes_.size() - 1));
  if (inGraph != kInvalidId) {
    // An update: the node keeps its labels, so their declarations type its properties.
    n.existing = inGraph;
    ++updated_;
    for (LabelId l : graph_.nodeLabels(inGraph)) nodeLabel(graph_.labelName(l), pos);
  }
}

PropSpec Stage::nodePropSpec(std::string_view key, SourcePos pos) const {
  const Node& n = nodes_.back();
  const LabelDef* owner = nullptr;
  if (const PropertyDef* p = rules::findForLabels(nodeDefs_, key, &owner))
    return {p->type, owner ? std::string_view(owner->name) : std::string_view()};
  if (schema.empty()) return {PropType::Any, {}};
  if (n.labelCount == 0)
    fail(n.file, pos, "property '" + std::string(key) + "' on a node without label");
  fail(n.file, pos, rules::undeclaredProperty(key, {}, nodeDefs_));
}

void Stage::nodeProp(std::string_view key, const Cell& value, SourcePos pos) {
  Node& n = nodes_.back();
  if (n.idKey != UINT32_MAX && keys_.list[n.idKey] == key)
    fail(n.file, pos, "property '" + std::string(key) + "' repeats the node id");
  addProp(n.propBegin, n.propCount, key, value, pos, n.file);
}

void Stage::endNode() {
  inNode_ = false;
  const Node& n = nodes_.back();
  if (n.id.empty()) fail(n.file, n.pos, "node without an id");
  if (!schema.empty() && n.labelCount == 0) fail(n.file, n.pos, rules::unlabeledNode(nodeName()));
  auto present = [&](std::string_view key) {
    if (keys_.list[n.idKey] == key || hasProp(n.propBegin, n.propCount, key)) return true;
    if (n.existing == kInvalidId) return false;
    const KeyId k = graph_.keyId(key);
    return k != kNoKey && !graph_.nodeProperty(n.existing, k).isNull();
  };
  for (uint32_t i = n.labelBegin; i < n.labelBegin + n.labelCount; ++i) {
    const LabelDef* def = nodeDefs_[i - n.labelBegin];
    if (!def) continue;
    if (!def->key.empty() && !present(def->key))
      fail(n.file, n.pos, rules::missingKey(nodeName(), *def));
    for (const PropertyDef& p : def->properties)
      if (p.required && !present(p.name))
        fail(n.file, n.pos, rules::missingRequired(nodeName(), *def, p.name));
    if (!def->key.empty() && def->key != keys_.list[n.idKey]) checkKeyUnique(nodeLabels_[i], *def);
  }
}

// ---- relationships

void Stage::beginRel(uint32_t file, SourcePos pos) {
  if (!writing_) startWriting();
  rel_ = Rel{};
  rel_.file = file;
  rel_.pos = pos;
  relProps_.clear();
}

void Stage::relType(std::string_view type, SourcePos pos) {
  Rel& r = rel_;
  // Files usually hold one type: the last one is checked before any lookup.
  if (lastType_ != UINT32_MAX && types_.list[lastType_] == type) {
    r.type = lastType_;
    return;
  }
  if (type.empty()) fail(r.file, pos, "empty relationship type");
  if (!schema.empty() && !schema.findRelType(type))
    fail(r.file, pos, rules::undeclaredRelType(type, schema));
  if (graph_.typeId(type) == kNoType && graph_.typeCount() >= kNoType)
    fail(r.file, pos, tooManyRelTypes(type, graph_.typeCount()));
  r.type = intern(types_, type);
  lastType_ = r.type;
  if (typeInfo_.size() <= r.type) {
    if (writer_) writer_->drain();  // interning a type changes what the writer reads
    typeInfo_.resize(r.type + 1);
    TypeInfo& ti = typeInfo_[r.type];
    ti.graphType = graph_.internType(types_.list[r.type]);
    ti.def = schema.findRelType(types_.list[r.type]);
    if (ti.def) {
      for (const std::string& l : ti.def->from)
        if (LabelId id = graph_.labelId(l); id != kNoLabel) ti.from.push_back(id);
      for (const std::string& l : ti.def->to)
        if (LabelId id = graph_.labelId(l); id != kNoLabel) ti.to.push_back(id);
      for (const PropertyDef& p : ti.def->properties)
        if (p.required) ti.required.push_back(intern(keys_, p.name));
    }
  }
}

Stage::End Stage::resolve(std::string_view id, SourcePos pos, const char* which) {
  const Rel& r = rel_;
  End e;
  e.pos = pos;
  if (id.empty()) fail(r.file, pos, std::string("relationship ") + which + " id is empty");
  // e.id is for endRel's messages: a view of the stored copy, as the caller's text may not
  // outlive this call.
  uint32_t found = nodeById_.find(id, &e.id);
  if (found == StringIndex::kNone) {
    NodeId n = findInGraph(id);
    if (n == kInvalidId || n >= kGraphNode)
      fail(r.file, pos,
           std::string("relationship ") + which + " " + quoteId(id) + " is not a known node id");
    found = kGraphNode | n;
    e.id = arena_.store(id);
    nodeById_.insert(e.id, found);
  }
  e.staged = found < kGraphNode;
  e.index = found & ~kGraphNode;
  return e;
}

NodeId Stage::writtenNode(std::string_view id, bool* inGraph) const {
  *inGraph = false;
  if (uint32_t found = nodeById_.find(id); found != StringIndex::kNone) {
    if (found < kGraphNode) return created_[found];
    *inGraph = true;
    return found & ~kGraphNode;
  }
  const NodeId n = findInGraph(id);
  if (n == kInvalidId || n >= kGraphNode) return kInvalidId;
  *inGraph = true;
  return n;
}

Graph& Stage::beginParallelRels() {
  if (!writing_) startWriting();
  if (writer_) writer_->drain();  // the graph's relationship side is the caller's now
  return graph_;
}

void Stage::relStart(std::string_view id, SourcePos pos) {
  rel_.start = resolve(id, pos, "start");
}
void Stage::relEnd(std::string_view id, SourcePos pos) {
  rel_.end = resolve(id, pos, "end");
}

PropSpec Stage::relPropSpec(std::string_view key, SourcePos pos) const {
  const Rel& r = rel_;
  const RelTypeDef* def = r.type != UINT32_MAX ? typeInfo_[r.type].def : nullptr;
  if (!def) {
    const PropertyDef* p = rules::findCommon(key);
    return {p ? p->type : PropType::Any, {}};
  }
  if (const PropertyDef* p = rules::findForType(*def, key))
    return {p->type, def->findProperty(key) ? std::string_view(def->name) : std::string_view()};
  fail(r.file, pos, rules::undeclaredProperty(key, {}, *def));
}

void Stage::relProp(std::string_view key, const Cell& value, SourcePos pos) {
  relPropByIndex(intern(keys_, key), value, pos);
}

void Stage::expectRels(size_t more) {
  // With a writer thread the graph is the writer's; it grows as before.
  if (writer_) return;
  std::vector<KeyId> keys;
  for (const Prop& p : relProps_) keys.push_back(graphKey(p.key));
  graph_.reserveRels(static_cast<size_t>(graph_.relIdLimit()) + more, keys);
}

void Stage::relPropByIndex(uint32_t key, const Cell& value, SourcePos pos) {
  if (value.kind == Cell::Kind::Null) return;  // null means absent
  for (const Prop& p : relProps_)
    if (p.key == key)
      fail(rel_.file, pos, "property '" + std::string(keys_.list[key]) + "' is given twice");
  relProps_.push_back(Prop{key, pos, value});
}

std::string Stage::endLabels(const End& e) const {
  std::string out;
  for (LabelId l : graph_.nodeLabels(graphNode(e)))
    out += (out.empty() ? "" : ", ") + graph_.labelName(l);
  return out;
}

void Stage::failEndpoint(uint32_t file, uint32_t type, const End& e, bool start) const {
  fail(file, e.pos,
       rules::endpointNotAllowed(*typeInfo_[type].def, start, "node " + quoteId(e.id),
                                 endLabels(e)));
}

bool Stage::endpointsAllowed(const TypeInfo& ti, NodeId src, NodeId dst, bool& startBad) const {
  // Every endpoint is in the graph by now, so its labels are one bit test each.
  auto hasLabel = [&](NodeId n) { return [this, n](LabelId l) { return graph_.hasLabel(n, l); }; };
  startBad = !rules::endpointAllowed(!ti.def->from.empty(), ti.from, hasLabel(src));
  return !startBad && rules::endpointAllowed(!ti.def->to.empty(), ti.to, hasLabel(dst));
}

void Stage::endRel() {
  const Rel& r = rel_;
  if (r.type == UINT32_MAX) fail(r.file, r.pos, "relationship without a type");
  if (r.start.index == kInvalidId) fail(r.file, r.pos, "relationship without a start node");
  if (r.end.index == kInvalidId) fail(r.file, r.pos, "relationship without an end node");
  const TypeInfo& ti = typeInfo_[r.type];
  const NodeId src = graphNode(r.start), dst = graphNode(r.end);
  if (ti.def) {
    if (bool startBad = false; !endpointsAllowed(ti, src, dst, startBad))
      failEndpoint(r.file, r.type, startBad ? r.start : r.end, startBad);
    for (uint32_t key : ti.required) {
      bool present = false;
      for (const Prop& p : relProps_) present |= p.key == key;
      if (!present) fail(r.file, r.pos, rules::missingRequired(*ti.def, keys_.list[key]));
    }
  }
  if (writer_)
    queueRel(src, dst, ti.graphType);
  else
    writeRel(src, dst, ti.graphType);
  ++relsWritten_;
}

uint32_t Stage::internString(std::string_view s) {
  if (writer_) writer_->drain();  // the dictionary is the writer's while it writes
  return graph_.internStringId(s);
}

void Stage::writeKeyedRel(uint32_t file, SourcePos pos, uint32_t type, NodeId src,
                          std::string_view srcId, NodeId dst, std::string_view dstId,
                          const RelProp* props, size_t count, const KeyedString* strings,
                          size_t stringCount) {
  if (!writing_ || type >= typeInfo_.size())
    throw Error(ErrorKind::InternalError, "writeKeyedRel before a relationship of its type");
  if (writer_) writer_->drain();
  const TypeInfo& ti = typeInfo_[type];
  if (ti.def) {
    if (bool startBad = false; !endpointsAllowed(ti, src, dst, startBad))
      failEndpoint(file, type, End{false, startBad ? src : dst, pos, startBad ? srcId : dstId},
                   startBad);
    for (uint32_t key : ti.required) {
      const KeyId k = graphKey(key);
      bool present = false;
      for (size_t i = 0; i < count; ++i) present |= props[i].key == k;
      for (size_t i = 0; i < stringCount; ++i) present |= strings[i].key == k;
      if (!present) fail(file, pos, rules::missingRequired(*ti.def, keys_.list[key]));
    }
  }
  appendRel(graph_, src, dst, ti.graphType, props, count, boxed_, strings, stringCount);
  ++relsWritten_;
}

KeyId Stage::graphKey(uint32_t key) {
  if (key >= keyIds_.size()) {
    if (writer_) writer_->drain();  // interning a key changes what the writer reads
    while (keyIds_.size() <= key) keyIds_.push_back(graph_.internKey(keys_.list[keyIds_.size()]));
  }
  return keyIds_[key];
}

void Stage::writeRel(NodeId src, NodeId dst, TypeId type) {
  rowProps_.clear();
  for (const Prop& p : relProps_) rowProps_.push_back({graphKey(p.key), p.value});
  appendRel(graph_, src, dst, type, rowProps_.data(), rowProps_.size(), boxed_);
}

void Stage::queueRel(NodeId src, NodeId dst, TypeId type) {
  // Keys first: interning one waits for the writer, which must not see a half-added row.
  for (const Prop& p : relProps_) graphKey(p.key);
  RelWriter::Batch& b = writer_->current();
  b.rels.push_back({src, dst, type, static_cast<uint32_t>(b.props.size()),
                    static_cast<uint32_t>(relProps_.size())});
  for (const Prop& p : relProps_) {
    RelProp& q = b.props.emplace_back(RelProp{keyIds_[p.key], p.value});
    if (p.value.kind == Cell::Kind::String || p.value.kind == Cell::Kind::RawList) {
      q.value.text = b.text.store(p.value.text);
    } else if (p.value.kind == Cell::Kind::Boxed) {
      q.value.i = static_cast<int64_t>(b.boxed.size());
      b.boxed.push_back(boxed_[static_cast<size_t>(p.value.i)]);
    }
  }
  if (b.rels.size() >= RelWriter::kBatchRels || b.text.bytes() >= (size_t{1} << 22))
    writer_->submit();
}

// ---- apply

void appendRel(Graph& graph, NodeId src, NodeId dst, TypeId type, const RelProp* props,
               size_t count, const std::vector<Value>& boxed, const KeyedString* strings,
               size_t stringCount) {
  try {
    RelId id = graph.appendRel(src, dst, type);
    for (const KeyedString* s = strings; s != strings + stringCount; ++s)
      graph.setAppendedRelString(id, s->key, s->stringId);
    for (const RelProp* p = props; p != props + count; ++p) {
      if (p->value.kind == Cell::Kind::String)
        graph.setAppendedRelString(id, p->key, graph.internStringId(p->value.text));
      else if (Value v = cellValue(graph, p->value, boxed); !v.isNull())
        graph.setAppendedRelProperty(id, p->key, v);
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::LoadError,
                std::string("load failed while writing the graph: ") + e.what());
  }
}

Value cellValue(Graph& graph, const Cell& c, const std::vector<Value>& boxed) {
  switch (c.kind) {
    case Cell::Kind::Null:
      return Value();
    case Cell::Kind::Bool:
      return Value(c.i != 0);
    case Cell::Kind::Int:
      return Value(c.i);
    case Cell::Kind::Float:
      return Value(c.f);
    case Cell::Kind::Date:
      return Value(Date{static_cast<int32_t>(c.i)});
    case Cell::Kind::String:
      return Value(graph.internString(c.text));
    case Cell::Kind::Boxed:
      return boxed[static_cast<size_t>(c.i)];
    case Cell::Kind::RawList:
      break;
  }
  // Raw CSV arrays were validated when staged, so every element parses here.
  ValueList items;
  std::string_view rest = c.text;
  while (!c.text.empty()) {  // a quoted empty cell is an empty list
    size_t cut = rest.find(c.delimiter);
    std::string_view e = rest.substr(0, cut);
    switch (c.elem) {
      case ElemKind::String:
        items.emplace_back(graph.internString(e));
        break;
      case ElemKind::Int: {
        int64_t v = 0;
        parseIntText(e, v);
        items.emplace_back(v);
        break;
      }
      case ElemKind::Float: {
        double v = 0;
        parseFloatText(e, v);
        items.emplace_back(v);
        break;
      }
      case ElemKind::Bool: {
        bool v = false;
        parseBoolText(e, v);
        items.emplace_back(v);
        break;
      }
      case ElemKind::Date: {
        Date d;
        parseDate(trimSpaces(e), d);
        items.emplace_back(d);
        break;
      }
      default:  // checked when the cell was read
        items.push_back(parseTemporalScalar(c.elem, trimSpaces(e)).value_or(Value()));
    }
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
  return Value(std::move(items));
}

Stage::~Stage() {
  writer_.reset();  // the thread stops before the graph is rolled back
  if (writing_ && !applied_ && graph_.inTransaction()) {
    try {
      graph_.rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
  }
}

// Opens the load's transaction and writes the staged nodes (with their labels, indexes and
// properties); relationships follow one by one.
void Stage::startWriting() {
  if (inNode_) fail(nodes_.back().file, nodes_.back().pos, "relationship inside a node");
  graph_.begin();
  writing_ = true;
  try {
    std::vector<LabelId> labelIds;
    for (std::string_view l : labels_.list) labelIds.push_back(graph_.internLabel(l));
    keyIds_.clear();
    for (std::string_view k : keys_.list) keyIds_.push_back(graph_.internKey(k));

    for (const LabelDef& l : schema.labels())
      if (!l.key.empty())
        graph_.createKeyIndex(graph_.internLabel(l.name), graph_.internKey(l.key));

    created_.assign(nodes_.size(), kInvalidId);
    std::vector<LabelId> nodeLabels;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      nodeLabels.clear();
      for (uint32_t j = n.labelBegin; j < n.labelBegin + n.labelCount; ++j) {
        LabelId l = labelIds[nodeLabels_[j]];
        nodeLabels.push_back(l);
        // Labels outside the schema still get their id indexed (open graphs, as in Neo4j).
        if (graph_.keyIndexOf(l) == kNoKey) graph_.createKeyIndex(l, keyIds_[n.idKey]);
      }
      NodeId id = n.existing;
      if (id == kInvalidId) {
        id = graph_.createNode(nodeLabels);
      } else {
        for (LabelId l : nodeLabels) graph_.addLabel(id, l);
      }
      created_[i] = id;
      graph_.setNodeProperty(id, keyIds_[n.idKey], Value(graph_.internString(n.id)));
      for (uint32_t j = n.propBegin; j < n.propBegin + n.propCount; ++j)
        graph_.setNodeProperty(id, keyIds_[props_[j].key],
                               cellValue(graph_, props_[j].value, boxed_));
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::LoadError,
                std::string("load failed while writing the graph: ") + e.what());
  }
  if (threads_ >= 2) {
    // From here on the writer thread owns the relationship side of the graph and the string
    // dictionary; this thread only reads nodes, labels and key indexes.
    writer_ = std::make_unique<RelWriter>([this](const RelWriter::Batch& b) {
      for (const RelWriter::Rel& r : b.rels)
        appendRel(graph_, r.src, r.dst, r.type, b.props.data() + r.propBegin, r.propCount, b.boxed);
    });
  }
}

void Stage::apply(Graph& graph, Schema& target, LoadReport& report,
                  const std::function<void()>& beforeCommit) {
  if (&graph != &graph_)
    throw Error(ErrorKind::InternalError, "Stage::apply: not the graph of the stage");
  if (!writing_) startWriting();
  if (writer_) {
    writer_->drain();
    writer_.reset();
  }
  if (beforeCommit) beforeCommit();
  graph_.commit();
  applied_ = true;
  // The schema's adjacency orders, declared before the compaction so that it sorts the rows
  // once (Database::applySchemaIndexes then finds them sorted).
  for (const auto& rt : schema.relTypes()) {
    if (rt.index.empty()) continue;
    std::vector<KeyId> keys;
    for (const std::string& k : rt.index) keys.push_back(graph_.internKey(k));
    graph_.declareAdjacencyOrder(graph_.internType(rt.name), std::move(keys));
  }
  graph_.compact(threads_);
  target = schema;
  report.nodes = nodes_.size() - updated_;
  report.updatedNodes = updated_;
  report.relationships = relsWritten_;
}

}  // namespace silkgraph::load
