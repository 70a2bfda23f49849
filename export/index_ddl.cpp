// Index and constraint statements for the exports (see index_ddl.h).
#include "export/index_ddl.h"

#include "export/cypher_exporter.h"

namespace silkgraph {

std::string indexDdl(const IndexDef& def) {
  const char* var = def.relationship ? "r" : "n";
  std::string out = def.kind == IndexDef::Kind::Unique ? "CREATE CONSTRAINT " : "CREATE INDEX ";
  appendName(out, def.name);
  out += " IF NOT EXISTS FOR ";
  out += def.relationship ? "()-[r:" : "(n:";
  appendName(out, def.target);
  out += def.relationship ? "]-()" : ")";
  std::string props;
  for (const std::string& p : def.properties) {
    if (!props.empty()) props += ", ";
    props += var;
    props += '.';
    appendName(props, p);
  }
  if (def.kind == IndexDef::Kind::Unique)
    out += " REQUIRE " + (def.properties.size() == 1 ? props : "(" + props + ")") + " IS UNIQUE";
  else
    out += " ON (" + props + ")";
  return out;
}

}  // namespace silkgraph
