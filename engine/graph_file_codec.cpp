// Database file codec: the schema's encoding (graph_file_codec.h).
#include "engine/graph_file_codec.h"

#include <stdexcept>

namespace silkgraph::graph_file {

void encodeSchema(Encoder& e, const Schema& schema) {
  e.u64(schema.labels().size());
  for (const LabelDef& l : schema.labels()) {
    e.str(l.name);
    e.str(l.key);
    e.properties(l.properties);
    e.str(l.description);
  }
  e.u64(schema.relTypes().size());
  for (const RelTypeDef& t : schema.relTypes()) {
    e.str(t.name);
    e.strings(t.from);
    e.strings(t.to);
    e.properties(t.properties);
    e.str(t.description);
    e.strings(t.index);
  }
}

void readSchema(Decoder& meta, Schema& schema) {
  try {
    size_t labels = meta.count(32);
    for (size_t i = 0; i < labels; ++i) {
      LabelDef l;
      l.name = meta.str();
      l.key = meta.str();
      l.properties = meta.properties();
      l.description = meta.str();
      schema.addLabel(std::move(l));
    }
    size_t types = meta.count(48);
    for (size_t i = 0; i < types; ++i) {
      RelTypeDef t;
      t.name = meta.str();
      t.from = meta.strings();
      t.to = meta.strings();
      t.properties = meta.properties();
      t.description = meta.str();
      t.index = meta.strings();
      schema.addRelType(std::move(t));
    }
  } catch (const std::invalid_argument& e) {
    meta.fail(std::string("schema: ") + e.what());
  }
}

void encodeSymmetricTypes(Encoder& e, const Schema& schema) {
  std::vector<std::string> names;
  for (const RelTypeDef& t : schema.relTypes())
    if (t.symmetric) names.push_back(t.name);
  e.strings(names);
}

void readSymmetricTypes(Decoder& meta, Schema& schema) {
  for (const std::string& name : meta.strings())
    if (!schema.markSymmetric(name))
      meta.fail("schema: symmetric type '" + name + "' is not declared");
}

void encodeIndexes(Encoder& e, const Schema& schema) {
  e.u64(schema.indexes().size());
  for (const IndexDef& d : schema.indexes()) {
    e.str(d.name);
    e.u8(static_cast<uint8_t>(d.kind));
    e.u8(static_cast<uint8_t>((d.relationship ? 1 : 0) | (d.adoptedKeyIndex ? 2 : 0)));
    e.str(d.target);
    e.strings(d.properties);
  }
}

void readIndexes(Decoder& meta, Schema& schema) {
  size_t n = meta.count(27);
  for (size_t i = 0; i < n; ++i) {
    IndexDef d;
    d.name = meta.str();
    uint8_t kind = meta.u8();
    uint8_t flags = meta.u8();
    if (kind > static_cast<uint8_t>(IndexDef::Kind::Unique) || flags > 3)
      meta.fail("an index has an unknown kind");
    d.kind = static_cast<IndexDef::Kind>(kind);
    d.relationship = (flags & 1) != 0;
    d.adoptedKeyIndex = (flags & 2) != 0;
    d.target = meta.str();
    d.properties = meta.strings();
    try {
      schema.addIndex(std::move(d));
    } catch (const std::invalid_argument& e) {
      meta.fail(std::string("indexes: ") + e.what());
    }
  }
}

}  // namespace silkgraph::graph_file
