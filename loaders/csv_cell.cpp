// csvCell (loaders/csv_cell.h): cell text to a staged value; numbers through std::from_chars.
#include "loaders/csv_cell.h"

#include <optional>
#include <string>

#include "engine/validity.h"

namespace silkgraph::load {

namespace {

bool parseElem(ElemKind e, std::string_view s) {
  switch (e) {
    case ElemKind::String:
      return true;
    case ElemKind::Int: {
      int64_t v;
      return parseIntText(s, v);
    }
    case ElemKind::Float: {
      double v;
      return parseFloatText(s, v);
    }
    case ElemKind::Bool: {
      bool v;
      return parseBoolText(s, v);
    }
    case ElemKind::Date: {
      Date d;
      return parseDate(trimSpaces(s), d);
    }
    default:
      return parseTemporalScalar(e, trimSpaces(s)).has_value();
  }
}

}  // namespace

Cell csvCell(CellSink& st, const silkgraph::CsvReader& r, const Column& col, size_t i,
             const PropSpec& spec, bool keep) {
  std::string_view text = r.text(i);
  SourcePos pos = r.pos(i);
  bool array = col.array;
  ElemKind elem = col.elem;
  if (!col.typed) {
    // An untyped column takes the type the schema declares for the property.
    if (std::optional<ElemKind> e = rules::elementOf(spec.type)) {
      array = true;
      elem = *e;
    } else if (std::optional<ElemKind> k = rules::scalarOf(spec.type)) {
      elem = *k;
    }
  } else if (!(array ? rules::listFits(elem, spec.type) : rules::scalarFits(elem, spec.type))) {
    r.fail(pos, typeMismatch(col.name, spec,
                             std::string(propTypeName(rules::typeOf(elem, array))) + " column '" +
                                 col.header + "'"));
  }
  Cell c;
  PropSpec own{rules::typeOf(elem, array), spec.owner};
  // An int (or int list) feeding a float property is stored as floats.
  const bool toFloat = rules::widensToFloat(elem, spec.type);
  if (array) {
    std::string_view rest = text;
    size_t index = 1;
    while (elem != ElemKind::String) {
      size_t cut = rest.find(st.arrayDelimiter());
      std::string_view e = rest.substr(0, cut);
      if (!parseElem(elem, e))
        r.fail(pos, typeMismatch(col.name, own, describeText(text)) + " (element " +
                        std::to_string(index) + " is not " + scalarKindName(elem) + ")");
      if (cut == std::string_view::npos) break;
      rest.remove_prefix(cut + 1);
      ++index;
    }
    c.kind = Cell::Kind::RawList;
    c.delimiter = st.arrayDelimiter();
    c.elem = toFloat ? ElemKind::Float : elem;
    c.text = keep ? st.store(text) : text;
    return c;
  }
  bool ok = true;
  switch (elem) {
    case ElemKind::String:
      c.kind = Cell::Kind::String;
      c.text = keep ? st.store(text) : text;
      break;
    case ElemKind::Int:
      ok = parseIntText(text, c.i);
      c.kind = Cell::Kind::Int;
      if (ok && toFloat) {
        c.kind = Cell::Kind::Float;
        c.f = static_cast<double>(c.i);
      }
      break;
    case ElemKind::Float:
      ok = parseFloatText(text, c.f);
      c.kind = Cell::Kind::Float;
      break;
    case ElemKind::Bool: {
      bool b = false;
      ok = parseBoolText(text, b);
      c.kind = Cell::Kind::Bool;
      c.i = b;
      break;
    }
    case ElemKind::Date: {
      // A valid_to written as a year or a month holds through its last day (docs/time.md).
      Date d;
      ok = col.name == "valid_to" ? parseDateEnd(trimSpaces(text), d)
                                  : parseDate(trimSpaces(text), d);
      c.kind = Cell::Kind::Date;
      c.i = d.days;
      break;
    }
    default: {  // the other temporal types are boxed values
      std::optional<Value> v = parseTemporalScalar(elem, trimSpaces(text));
      ok = v.has_value();
      if (ok) {
        c.kind = Cell::Kind::Boxed;
        c.i = st.box(std::move(*v));
      }
    }
  }
  if (!ok) r.fail(pos, typeMismatch(col.name, own, describeText(text)));
  return c;
}

}  // namespace silkgraph::load
