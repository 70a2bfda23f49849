// CsvHeader (loaders/csv_header.h): column roles and types from a Neo4j header record.
#include "loaders/csv_header.h"

#include "common/text.h"
#include "loaders/csv_reader.h"

namespace silkgraph::load {

void CsvHeader::parse(CsvReader& r) {
  if (!r.next()) r.fail({1, 1}, "empty CSV file: the first line must be a header");
  r.checkUtf8();
  for (size_t i = 0; i < r.size(); ++i) {
    Column c;
    std::string_view spec = r.text(i);
    c.header = spec;
    c.pos = r.pos(i);
    size_t colon = spec.rfind(':');
    c.name = spec.substr(0, colon);
    std::string type =
        colon == std::string_view::npos ? "" : text::asciiLower(spec.substr(colon + 1));
    // ID spaces, e.g. ":ID(Nation)": silkgraph has one id space, so the group is ignored.
    size_t paren = type.find('(');
    if (paren != std::string::npos && type.back() == ')') type.resize(paren);
    if (colon == std::string_view::npos) {
      c.role = Column::Role::Prop;
    } else if (type == "id") {
      c.role = Column::Role::Id;
      if (c.name.empty()) c.name = "id";
    } else if (type == "label") {
      c.role = Column::Role::Label;
    } else if (type == "start_id") {
      c.role = Column::Role::Start;
    } else if (type == "end_id") {
      c.role = Column::Role::End;
    } else if (type == "type") {
      c.role = Column::Role::Type;
    } else if (type == "ignore") {
      c.role = Column::Role::Ignore;
    } else {
      c.typed = true;
      std::string base = type;
      if (base.size() > 2 && base.ends_with("[]")) {
        c.array = true;
        base.resize(base.size() - 2);
      }
      if (base == "int" || base == "long" || base == "short" || base == "byte")
        c.elem = ScalarKind::Int;
      else if (base == "float" || base == "double")
        c.elem = ScalarKind::Float;
      else if (base == "boolean" || base == "bool")
        c.elem = ScalarKind::Bool;
      else if (base == "string" || base == "char")
        c.elem = ScalarKind::String;
      else if (base == "date")
        c.elem = ScalarKind::Date;
      else if (base == "localtime")
        c.elem = ScalarKind::LocalTime;
      else if (base == "time")
        c.elem = ScalarKind::Time;
      else if (base == "localdatetime")
        c.elem = ScalarKind::LocalDateTime;
      else if (base == "datetime")
        c.elem = ScalarKind::DateTime;
      else if (base == "duration")
        c.elem = ScalarKind::Duration;
      else
        r.fail(c.pos, "unknown column type '" + std::string(spec.substr(colon + 1)) +
                          "' in header '" + c.header +
                          "' (expected int, long, float, double, boolean, string, date, "
                          "localtime, time, localdatetime, datetime or duration, with [] for "
                          "arrays, or ID, LABEL, START_ID, END_ID, TYPE, IGNORE)");
    }
    if ((c.role == Column::Role::Prop) && c.name.empty())
      r.fail(c.pos, "header column '" + c.header + "' needs a property name");
    size_t* slot = c.role == Column::Role::Id      ? &idCol
                   : c.role == Column::Role::Label ? &labelCol
                   : c.role == Column::Role::Start ? &startCol
                   : c.role == Column::Role::End   ? &endCol
                   : c.role == Column::Role::Type  ? &typeCol
                                                   : nullptr;
    if (slot) {
      if (*slot != SIZE_MAX)
        r.fail(c.pos, "header has two '" + std::string(spec.substr(colon)) + "' columns");
      *slot = i;
    }
    if (c.role == Column::Role::Prop || c.role == Column::Role::Id)
      for (const Column& o : columns)
        if ((o.role == Column::Role::Prop || o.role == Column::Role::Id) && o.name == c.name)
          r.fail(c.pos, "header names property '" + c.name + "' twice");
    columns.push_back(std::move(c));
  }
  bool relCols = startCol != SIZE_MAX || endCol != SIZE_MAX || typeCol != SIZE_MAX;
  if (idCol != SIZE_MAX) {
    if (relCols)
      r.fail(columns[startCol != SIZE_MAX ? startCol
                     : endCol != SIZE_MAX ? endCol
                                          : typeCol]
                 .pos,
             "a node file (it has an :ID column) cannot have :START_ID, :END_ID or :TYPE "
             "columns");
    nodes = true;
    return;
  }
  if (!relCols)
    r.fail({1, 1},
           "header has neither an :ID column (a node file) nor :START_ID, :END_ID and :TYPE "
           "columns (a relationship file)");
  if (labelCol != SIZE_MAX)
    r.fail(columns[labelCol].pos, "a relationship file cannot have a :LABEL column");
  if (startCol == SIZE_MAX) r.fail({1, 1}, "relationship file without a :START_ID column");
  if (endCol == SIZE_MAX) r.fail({1, 1}, "relationship file without an :END_ID column");
  if (typeCol == SIZE_MAX) r.fail({1, 1}, "relationship file without a :TYPE column");
}

}  // namespace silkgraph::load
