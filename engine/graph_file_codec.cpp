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

}  // namespace silkgraph::graph_file
