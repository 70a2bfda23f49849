// Redo records (engine/wal_redo.h): encodes the net change of the graph's active transaction
// (entities created since begin(), and the undo log's entries, which name every existing
// entity the transaction touched) and applies such a record to a graph on replay.
#include "engine/wal_redo.h"

#include <unordered_set>
#include <vector>

#include "engine/graph_access.h"
#include "engine/graph_file_codec.h"
#include "engine/graph_ops.h"
#include "engine/wal_strings.h"

namespace silkgraph {

using graph_file::Decoder;
using graph_file::Encoder;

namespace {

// A record is, in order (counts are u64, ids u32, values in the database file's encoding):
//   sequence, node id limit and relationship id limit at begin()
//   catalog: for labels, types and keys each: the count already known, the new names
//   (format 3) strings: the count the dictionary held, the strings it gained since
//   created nodes: per id from the limit on: alive (u8); if alive: labels, properties
//   created relationships: per id: source, target, type, alive (u8); if alive: properties
// In format 3 a created entity's property held in a column of strings is the tag
// kStringIdTag and the string's id (u32) instead of the value's encoding.
//   label changes of existing nodes: (node, label, present u8)
//   property changes of existing nodes, then of existing relationships: (id, key, value)
//   deleted existing relationships, then nodes: ids
//   key indexes changed: (label, key or kNoKey)
constexpr uint8_t kStringIdTag = 0xF0;  // not a Value::Type

struct Builder {
  const Graph& graph;
  const GraphImpl& g;
  uint32_t format;
  Encoder e;

  void names(size_t& from, size_t count, const std::function<const std::string&(uint32_t)>& name) {
    e.u64(from);
    e.u64(count - from);
    for (size_t i = from; i < count; ++i) e.str(name(static_cast<uint32_t>(i)));
    from = count;
  }

  // The properties of created entity `id` in `columns`: in format 3 a string column's value
  // as its dictionary id (the record's strings section holds the new ones).
  void createdProperties(const std::vector<PropertyColumn>& columns, uint32_t id) {
    size_t at = e.out.size();
    e.u64(0);
    uint64_t n = 0;
    for (size_t k = 0; k < columns.size(); ++k) {
      const PropertyColumn& c = columns[k];
      if (!c.has(id)) continue;
      e.u32(static_cast<KeyId>(k));
      if (format == kRedoStringIds && c.kind() == PropertyColumn::Kind::String) {
        e.u8(kStringIdTag);
        e.u32(c.wordAt(id));
      } else {
        e.value(c.get(id, g.strings));
      }
      ++n;
    }
    std::memcpy(e.out.data() + at, &n, 8);
  }

  void strings(size_t& from) {
    const size_t count = g.strings.size();
    e.u64(from);
    e.u64(count - from);
    for (size_t i = from; i < count; ++i) e.str(g.strings.view(static_cast<uint32_t>(i)));
    from = count;
  }

  void createdNodes() {
    e.u64(g.nodeLimit - g.txNodeLimit);
    for (NodeId n = g.txNodeLimit; n < g.nodeLimit; ++n) {
      bool alive = g.nodeAliveAt(n);
      e.u8(alive ? 1 : 0);
      if (!alive) continue;
      std::vector<LabelId> labels = graph.nodeLabels(n);
      e.u64(labels.size());
      for (LabelId l : labels) e.u32(l);
      createdProperties(g.nodeCols, n);
    }
  }

  void createdRels() {
    const size_t limit = g.relTypes.size();
    e.u64(limit - g.txRelLimit);
    for (size_t i = g.txRelLimit; i < limit; ++i) {
      auto r = static_cast<RelId>(i);
      e.u32(g.relSrc[i]);
      e.u32(g.relDst[i]);
      e.u32(g.relTypes[i]);
      bool alive = g.relAliveAt(r);
      e.u8(alive ? 1 : 0);
      if (alive) createdProperties(g.relCols, r);
    }
  }

  // The undo log's entries of one kind (first occurrence of each (id, aux)), for which
  // keep(entry) holds, passed to write(entry) after their count.
  template <typename Keep, typename Write>
  void changes(UndoEntry::Kind kind, Keep keep, Write write) {
    std::unordered_set<uint64_t> seen;
    std::vector<const UndoEntry*> picked;
    for (const UndoEntry& u : g.undo) {
      if (u.kind != kind || !keep(u)) continue;
      if (seen.insert((uint64_t{u.id} << 32) | u.aux).second) picked.push_back(&u);
    }
    e.u64(picked.size());
    for (const UndoEntry* u : picked) write(*u);
  }

  void existing() {
    std::unordered_set<uint64_t> seen;
    std::vector<std::pair<NodeId, LabelId>> labels;
    for (const UndoEntry& u : g.undo) {
      bool label = u.kind == UndoEntry::Kind::AddLabel || u.kind == UndoEntry::Kind::RemoveLabel;
      if (label && g.nodeAliveAt(u.id) && seen.insert((uint64_t{u.id} << 32) | u.aux).second)
        labels.emplace_back(u.id, static_cast<LabelId>(u.aux));
    }
    e.u64(labels.size());
    for (auto [n, l] : labels) {
      e.u32(n);
      e.u32(l);
      e.u8(g.hasLabelAt(n, l) ? 1 : 0);
    }
    auto nodeAlive = [&](const UndoEntry& u) { return g.nodeAliveAt(u.id); };
    auto relAlive = [&](const UndoEntry& u) { return g.relAliveAt(u.id); };
    auto any = [](const UndoEntry&) { return true; };
    changes(UndoEntry::Kind::SetNodeProp, nodeAlive, [&](const UndoEntry& u) {
      e.u32(u.id);
      e.u32(u.aux);
      e.value(graph.nodeProperty(u.id, u.aux));
    });
    changes(UndoEntry::Kind::SetRelProp, relAlive, [&](const UndoEntry& u) {
      e.u32(u.id);
      e.u32(u.aux);
      e.value(graph.relProperty(u.id, u.aux));
    });
    changes(UndoEntry::Kind::DeleteRel, any, [&](const UndoEntry& u) { e.u32(u.id); });
    changes(UndoEntry::Kind::DeleteNode, any, [&](const UndoEntry& u) { e.u32(u.id); });
    // A key index entry keeps its label in `id`; the record holds the index now in place.
    std::unordered_set<uint32_t> labelsSeen;
    std::vector<LabelId> indexLabels;
    for (const UndoEntry& u : g.undo)
      if (u.kind == UndoEntry::Kind::CreateIndex && labelsSeen.insert(u.id).second)
        indexLabels.push_back(static_cast<LabelId>(u.id));
    e.u64(indexLabels.size());
    for (LabelId l : indexLabels) {
      e.u32(l);
      e.u32(graph.keyIndexOf(l));
    }
  }
};

bool storableValue(const Value& v, int depth = 0) {
  switch (v.type()) {
    case Value::Type::Node:
    case Value::Type::Rel:
    case Value::Type::Path:
      return false;
    case Value::Type::List:
      for (const Value& x : v.asList())
        if (!storableValue(x, depth + 1)) return false;
      return true;
    case Value::Type::Map:
      for (const auto& [k, x] : v.asMap())
        if (!storableValue(x, depth + 1)) return false;
      return true;
    default:
      return true;
  }
}

struct Replayer {
  Graph& graph;
  GraphImpl& g;
  Decoder& d;
  uint32_t format;
  graph_ops::Ops ops{g};
  std::vector<LabelId> labels;

  uint32_t node(bool mustLive = true) {
    uint32_t n = d.u32();
    if (n >= g.nodeLimit) d.fail("node id " + std::to_string(n) + " is out of range");
    if (mustLive && !g.nodeAliveAt(n)) d.fail("node " + std::to_string(n) + " does not exist");
    return n;
  }
  uint32_t rel() {
    g.needRels();  // the record reads and writes relationship data of the file's sections
    uint32_t r = d.u32();
    if (r >= g.relTypes.size() || !g.relAliveAt(r))
      d.fail("relationship " + std::to_string(r) + " does not exist");
    return r;
  }
  LabelId label() {
    uint32_t l = d.u32();
    if (l >= g.labels.size()) d.fail("label id " + std::to_string(l) + " is unknown");
    return static_cast<LabelId>(l);
  }
  KeyId key() {
    uint32_t k = d.u32();
    if (k >= g.keys.size()) d.fail("property key id " + std::to_string(k) + " is unknown");
    return k;
  }
  Value value(bool allowNull) {
    Value v = d.value();
    if ((!allowNull && v.isNull()) || !storableValue(v))
      d.fail("a property value of type " + std::string(Value::typeName(v.type())) +
             " cannot be stored");
    return v;
  }

  // The names the record adds to a catalog of `size` names, interned through the Graph
  // (which sizes what hangs off each id, such as a type's topology).
  template <typename Intern>
  void names(size_t size, const char* what, Intern intern) {
    uint64_t from = d.u64();
    size_t count = d.count(8);
    if (from != size)
      d.fail("it adds " + std::string(what) + " after " + std::to_string(from) +
             " of them, but the graph has " + std::to_string(size));
    for (size_t i = 0; i < count; ++i)
      if (intern(d.strView()) != from + i) d.fail(std::string("a repeated ") + what + " name");
  }

  // The strings the dictionary gained with the record (format 3): added without a lookup,
  // the writer's dictionary held each once (finishReplay checks it).
  void strings() {
    const uint64_t from = d.u64();
    const size_t count = d.count(8);
    if (from != g.strings.size())
      d.fail("it adds strings after " + std::to_string(from) +
             " of them, but the graph's dictionary holds " + std::to_string(g.strings.size()));
    for (size_t i = 0; i < count; ++i) g.strings.append(d.strView());
  }

  // A string id (format 3) that the dictionary holds.
  uint32_t stringId() {
    const uint32_t id = d.u32();
    if (id >= g.strings.size()) d.fail("string id " + std::to_string(id) + " is unknown");
    return id;
  }

  // A created node's property, set once all the record's created nodes are read.
  struct NewProperty {
    NodeId node;
    KeyId key;
    enum class Kind : uint8_t { Text, Id, Int, Other } kind;
    std::string_view str;  // Text: interned straight from the record's bytes
    int64_t word = 0;      // Id: a dictionary id (format 3); Int: the integer
    Value value;           // Other
  };

  // The created nodes, then their properties in the record's order: each string's slot in
  // the dictionary's table is asked for kAhead properties before the string is interned, so
  // the cache misses overlap instead of costing one wait per node, and the line is still in
  // the first-level cache when it is used (asking for a whole record's 1,000 slots at once
  // overflowed it; docs/benchmarks.md, "Recovery of the write-ahead log").
  void createdNodes(std::vector<NodeId>& deadNodes) {
    static thread_local std::vector<NewProperty> props;  // kept: no growth per record
    props.clear();
    size_t texts = 0;
    for (size_t i = 0, n = d.count(1); i < n; ++i) {
      if (d.u8() == 0) {
        deadNodes.push_back(graph.createNode());
        continue;
      }
      labels.resize(d.count(4));  // reused: no allocation per node
      for (LabelId& l : labels) l = label();
      NodeId id = graph.createNode(labels);
      for (size_t p = 0, np = d.count(5); p < np; ++p) {
        KeyId k = key();
        if (format == kRedoStringIds && d.take(kStringIdTag)) {
          props.push_back({id, k, NewProperty::Kind::Id, {}, stringId(), Value()});
        } else if (d.take(static_cast<uint8_t>(Value::Type::Int))) {
          props.push_back({id, k, NewProperty::Kind::Int, {}, static_cast<int64_t>(d.u64()), {}});
        } else if (d.take(static_cast<uint8_t>(Value::Type::String))) {
          props.push_back({id, k, NewProperty::Kind::Text, d.strView(), 0, Value()});
          ++texts;
        } else {
          props.push_back({id, k, NewProperty::Kind::Other, {}, 0, value(false)});
        }
      }
    }
    if (texts > 0) g.strings.reserve(texts);  // no growth while the slots asked for are used
    constexpr size_t kAhead = 16;
    auto ask = [&](size_t i) {
      if (i < props.size() && props[i].kind == NewProperty::Kind::Text)
        g.strings.prefetch(props[i].str);
    };
    for (size_t i = 0; i < kAhead; ++i) ask(i);
    for (size_t i = 0; i < props.size(); ++i) {
      ask(i + kAhead);
      const NewProperty& p = props[i];
      if (p.kind == NewProperty::Kind::Id)
        ops.setNodeStringIdRaw(p.node, p.key, static_cast<uint32_t>(p.word));
      else if (p.kind == NewProperty::Kind::Int)
        ops.setNodePropRaw(p.node, p.key, Value(p.word));
      else if (p.kind == NewProperty::Kind::Text)
        ops.setNodeStringRaw(p.node, p.key, p.str);
      else
        ops.setNodePropRaw(p.node, p.key, p.value);
    }
  }

  void apply() {
    uint64_t nodeLimit = d.u64(), relLimit = d.u64();
    if (nodeLimit != g.nodeLimit || relLimit != g.relTypes.size())
      d.fail("it follows a graph with " + std::to_string(nodeLimit) + " node and " +
             std::to_string(relLimit) + " relationship ids, not " + std::to_string(g.nodeLimit) +
             " and " + std::to_string(g.relTypes.size()));
    names(g.labels.size(), "labels", [&](std::string_view n) { return graph.internLabel(n); });
    names(g.types.size(), "relationship types",
          [&](std::string_view n) { return graph.internType(n); });
    names(g.keys.size(), "property keys", [&](std::string_view n) { return graph.internKey(n); });
    if (format == kRedoStringIds) strings();

    std::vector<NodeId> deadNodes;
    std::vector<RelId> deadRels;
    createdNodes(deadNodes);
    for (size_t i = 0, n = d.count(13); i < n; ++i) {
      NodeId src = node(), dst = node();
      uint32_t type = d.u32();
      if (type >= g.types.size()) d.fail("relationship type id " + std::to_string(type));
      RelId r = graph.createRel(src, dst, static_cast<TypeId>(type));
      if (d.u8() == 0) {
        deadRels.push_back(r);
        continue;
      }
      for (size_t p = 0, np = d.count(5); p < np; ++p) {
        KeyId k = key();
        if (format == kRedoStringIds && d.take(kStringIdTag))
          ops.setRelStringIdRaw(r, k, stringId());
        else
          ops.setRelPropRaw(r, k, value(false));
      }
    }
    for (size_t i = 0, n = d.count(9); i < n; ++i) {
      NodeId id = node();
      LabelId l = label();
      bool present = d.u8() != 0;
      if (present && !g.hasLabelAt(id, l)) ops.addLabelRaw(id, l);
      if (!present && g.hasLabelAt(id, l)) ops.removeLabelRaw(id, l);
    }
    for (size_t i = 0, n = d.count(9); i < n; ++i) {
      NodeId id = node();
      KeyId k = key();
      ops.setNodePropRaw(id, k, value(true));
    }
    for (size_t i = 0, n = d.count(9); i < n; ++i) {
      RelId r = rel();
      KeyId k = key();
      ops.setRelPropRaw(r, k, value(true));
    }
    for (size_t i = 0, n = d.count(4); i < n; ++i) graph.deleteRel(rel());
    for (RelId r : deadRels) graph.deleteRel(r);
    for (size_t i = 0, n = d.count(4); i < n; ++i) graph.deleteNode(node());
    for (NodeId n : deadNodes) graph.deleteNode(n);
    for (size_t i = 0, n = d.count(8); i < n; ++i) {
      LabelId l = label();
      uint32_t k = d.u32();
      if (k == kNoKey) {
        ops.rebuildIndex(l, kNoKey, false);
      } else {
        if (k >= g.keys.size()) d.fail("property key id " + std::to_string(k) + " is unknown");
        graph.createKeyIndex(l, k);
      }
    }
    if (!d.done()) d.fail("unexpected bytes after its end");
  }
};

}  // namespace

bool transactionChangedGraph(const Graph& graph) {
  const GraphImpl& g = GraphAccess::of(graph);
  return g.inTx &&
         (!g.undo.empty() || g.nodeLimit != g.txNodeLimit || g.relTypes.size() != g.txRelLimit);
}

CatalogMark CatalogMark::of(const Graph& g) {
  return {g.labelCount(), g.typeCount(), g.keyCount(), GraphAccess::of(g).strings.size()};
}

std::string encodeRedo(const Graph& graph, uint64_t sequence, CatalogMark& mark, uint32_t format) {
  Builder b{graph, GraphAccess::of(graph), format, {}};
  b.e.u64(sequence);
  b.e.u64(b.g.txNodeLimit);
  b.e.u64(b.g.txRelLimit);
  b.names(mark.labels, graph.labelCount(), [&](uint32_t i) -> const std::string& {
    return graph.labelName(static_cast<LabelId>(i));
  });
  b.names(mark.types, graph.typeCount(),
          [&](uint32_t i) -> const std::string& { return graph.typeName(static_cast<TypeId>(i)); });
  b.names(mark.keys, graph.keyCount(),
          [&](uint32_t i) -> const std::string& { return graph.keyName(i); });
  if (format == kRedoStringIds) b.strings(mark.strings);
  b.createdNodes();
  b.createdRels();
  b.existing();
  return std::move(b.e.out);
}

size_t dictionaryStrings(const Graph& graph) {
  return GraphAccess::of(graph).strings.size();
}

void reserveDictionary(Graph& graph, size_t more) {
  GraphAccess::of(graph).strings.reserve(more);
}

void adoptLogStrings(Graph& graph, LogStringIndex& strings) {
  strings.finish();
  if (strings.usable())
    GraphAccess::of(graph).strings.adoptPending(std::move(strings.table()), strings.firstId(),
                                                strings.endId(), strings.suspects());
}

uint32_t finishReplay(Graph& graph) {
  return GraphAccess::of(graph).strings.indexPending().second;
}

uint64_t applyRedo(Graph& graph, const uint8_t* data, size_t size, const std::string& path,
                   const std::string& where, uint32_t format) {
  Decoder d(data, size, path, where, "log record");
  uint64_t sequence = d.u64();
  try {
    GraphImpl& g = GraphAccess::of(graph);
    Replayer{graph, g, d, format, graph_ops::Ops{g}, {}}.apply();
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::LoadError) throw;
    d.fail(e.what());  // e.g. a node that still has relationships: the record does not fit
  }
  return sequence;
}

}  // namespace silkgraph
