// Index catalog (index_catalog.h): the schema file's declarations and DDL's indexes as one
// list, generated names, and what an index or constraint does in the graph.
#include "engine/index_catalog.h"

#include <cstdio>

#include "common/hash.h"
#include "engine/error.h"

namespace silkgraph {

std::vector<CatalogEntry> catalogEntries(const Schema& schema) {
  std::vector<CatalogEntry> out;
  for (const LabelDef& l : schema.labels()) {
    if (l.key.empty()) continue;
    IndexDef d{{}, IndexDef::Kind::Unique, false, l.name, {l.key}};
    d.name = generatedIndexName(d);
    out.push_back({std::move(d), true});
  }
  for (const RelTypeDef& t : schema.relTypes()) {
    if (t.index.empty()) continue;
    IndexDef d{{}, IndexDef::Kind::Index, true, t.name, t.index};
    d.name = generatedIndexName(d);
    out.push_back({std::move(d), true});
  }
  for (const IndexDef& d : schema.indexes()) out.push_back({d, false});
  return out;
}

std::string generatedIndexName(const IndexDef& def) {
  std::string what = def.kind == IndexDef::Kind::Unique ? "unique" : "index";
  what += def.relationship ? "\x1frel\x1f" : "\x1fnode\x1f";
  what += def.target;
  for (const std::string& p : def.properties) what += "\x1f" + p;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(hash::xxh64(what) & 0xffffffffu));
  return (def.kind == IndexDef::Kind::Unique ? "constraint_" : "index_") + std::string(hex);
}

void applyIndex(Graph& graph, const IndexDef& def, unsigned threads) {
  if (def.relationship) {
    std::vector<KeyId> keys;
    for (const std::string& p : def.properties) keys.push_back(graph.internKey(p));
    graph.setAdjacencyOrder(graph.internType(def.target), std::move(keys), threads);
    return;
  }
  const LabelId l = graph.internLabel(def.target);
  const KeyId k = graph.internKey(def.properties.front());
  if (def.kind == IndexDef::Kind::Unique) {
    graph.createKeyIndex(l, k);
    graph.dropPropertyIndex(l, k);  // the key index serves it
  } else if (graph.keyIndexOf(l) != k) {
    graph.createPropertyIndex(l, k);
  }
}

void unapplyIndex(Graph& graph, const IndexDef& def) {
  if (def.relationship) {
    TypeId t = graph.typeId(def.target);
    if (t != kNoType) graph.setAdjacencyOrder(t, {});
    return;
  }
  const LabelId l = graph.labelId(def.target);
  const KeyId k = graph.keyId(def.properties.front());
  if (l == kNoLabel || k == kNoKey) return;
  if (def.kind == IndexDef::Kind::Unique) {
    if (!def.adoptedKeyIndex) graph.dropKeyIndex(l);
  } else
    graph.dropPropertyIndex(l, k);
}

void applyIndexes(Graph& graph, const Schema& schema, unsigned threads) {
  // Constraints first, so that a node index on a constrained key needs no index of its own.
  for (int pass = 0; pass < 2; ++pass)
    for (const IndexDef& d : schema.indexes())
      if ((d.kind == IndexDef::Kind::Unique) == (pass == 0)) applyIndex(graph, d, threads);
}

}  // namespace silkgraph
