// CSV header: the Neo4j bulk-import header semantics (docs/formats.md). Reads a file's first
// record and says what each column is: the node id (`id:ID`, `:ID(Nation)`), labels
// (`:LABEL`), relationship ends and type (`:START_ID`, `:END_ID`, `:TYPE`), ignored columns,
// and properties, typed (`year:int`, `aliases:string[]`) or not. Whether the file holds
// nodes or relationships follows from its columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/schema_rules.h"

namespace silkgraph::load {

class CsvReader;

struct Column {
  enum class Role : uint8_t { Prop, Id, Label, Start, End, Type, Ignore };
  Role role = Role::Prop;
  std::string name;    // the property (Prop, Id)
  std::string header;  // the header cell as written
  bool typed = false;
  bool array = false;
  ScalarKind elem = ScalarKind::String;
  SourcePos pos;
};

struct CsvHeader {
  std::vector<Column> columns;
  bool nodes = false;  // a node file (it has an :ID column), else a relationship file
  size_t idCol = SIZE_MAX, labelCol = SIZE_MAX, startCol = SIZE_MAX, endCol = SIZE_MAX,
         typeCol = SIZE_MAX;

  // Reads the header record; fails (through the reader) on an empty file or a bad header.
  void parse(CsvReader& r);
};

}  // namespace silkgraph::load
