// Schema rules: what a typed graph accepts, written once. The loaders (CSV and JSON, through
// loaders/staging) and write statements (query/execution/schema_check) both ask these
// functions whether a value fits a declared type (an int widens to a float, a list's
// elements must fit its element type), which declaration a property falls under, whether a
// required property or an endpoint label is missing, and how to word the violation, so a
// file and a CREATE are rejected for the same reasons in the same words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema.h"
#include "engine/value.h"

namespace silkgraph {

// A scalar as a reader sees it before it becomes a Value: a typed CSV column's element type,
// a JSON leaf's kind.
enum class ScalarKind : uint8_t {
  String,
  Int,
  Float,
  Bool,
  Date,
  LocalTime,
  Time,
  LocalDateTime,
  DateTime,
  Duration
};

// "string", "int", "float", "boolean", "date", "localtime", ..., "duration".
const char* scalarKindName(ScalarKind k);

// True if v (non-null) conforms to t. An Int conforms to Float, a list of numbers to float[].
bool conforms(const Value& v, PropType t);
// Converts a conforming value to its stored form (Int -> Float for Float properties, int
// elements to floats for float[]); other values are returned as they are.
Value coerce(const Value& v, PropType t);

// The value a temporal scalar's text stands for (ISO 8601, as the functions of the same
// names read it: localtime('10:00'), datetime('2024-11-04T09:00[Asia/Seoul]'), ...), or
// nullopt when the text is not one; kinds other than the temporal ones give nullopt.
std::optional<Value> parseTemporalScalar(ScalarKind k, std::string_view text);
// An example of the forms a date or temporal property accepts, for error messages ("" for
// other types).
const char* temporalForms(PropType t);

namespace rules {

// These are inline: the CSV loader asks them for every cell.

// The type of a typed column: `int` is Int, `int[]` IntList, `boolean[]` and `date[]` List.
constexpr PropType typeOf(ScalarKind k, bool list) {
  switch (k) {
    case ScalarKind::String:
      return list ? PropType::StringList : PropType::String;
    case ScalarKind::Int:
      return list ? PropType::IntList : PropType::Int;
    case ScalarKind::Float:
      return list ? PropType::FloatList : PropType::Float;
    case ScalarKind::Bool:
      return list ? PropType::List : PropType::Bool;
    case ScalarKind::Date:
      return list ? PropType::List : PropType::Date;
    case ScalarKind::LocalTime:
      return list ? PropType::List : PropType::LocalTime;
    case ScalarKind::Time:
      return list ? PropType::List : PropType::Time;
    case ScalarKind::LocalDateTime:
      return list ? PropType::List : PropType::LocalDateTime;
    case ScalarKind::DateTime:
      return list ? PropType::List : PropType::DateTime;
    case ScalarKind::Duration:
      return list ? PropType::List : PropType::Duration;
  }
  return PropType::Any;
}
// The scalar kind of bool, int, float, string and date; nullopt for other types.
constexpr std::optional<ScalarKind> scalarOf(PropType t) {
  switch (t) {
    case PropType::Bool:
      return ScalarKind::Bool;
    case PropType::Int:
      return ScalarKind::Int;
    case PropType::Float:
      return ScalarKind::Float;
    case PropType::String:
      return ScalarKind::String;
    case PropType::Date:
      return ScalarKind::Date;
    case PropType::LocalTime:
      return ScalarKind::LocalTime;
    case PropType::Time:
      return ScalarKind::Time;
    case PropType::LocalDateTime:
      return ScalarKind::LocalDateTime;
    case PropType::DateTime:
      return ScalarKind::DateTime;
    case PropType::Duration:
      return ScalarKind::Duration;
    default:
      return std::nullopt;
  }
}
// The element type of string[], int[] and float[]; nullopt for other types.
constexpr std::optional<ScalarKind> elementOf(PropType t) {
  switch (t) {
    case PropType::StringList:
      return ScalarKind::String;
    case PropType::IntList:
      return ScalarKind::Int;
    case PropType::FloatList:
      return ScalarKind::Float;
    default:
      return std::nullopt;
  }
}
// A scalar of kind k may be stored in a property declared t: `any`, the same type, or an int
// in a float property (widening).
constexpr bool scalarFits(ScalarKind k, PropType t) {
  return t == PropType::Any || typeOf(k, false) == t ||
         (k == ScalarKind::Int && t == PropType::Float);
}
// A list whose elements are all of kind k may be stored in a property declared t: `any`,
// `list`, or a typed list whose element type k fits.
constexpr bool listFits(ScalarKind k, PropType t) {
  if (t == PropType::Any || t == PropType::List) return true;
  std::optional<ScalarKind> elem = elementOf(t);
  return elem && scalarFits(k, typeOf(*elem, false));
}
// Whether a scalar (or the elements of a list) of kind k is stored as a float under t.
constexpr bool widensToFloat(ScalarKind k, PropType t) {
  return k == ScalarKind::Int && (t == PropType::Float || t == PropType::FloatList);
}

// Whether coerce(v, t) changes v.
bool needsCoercion(const Value& v, PropType t);

// ---- declarations

// The common property `key` (id, name, ...), or null.
const PropertyDef* findCommon(std::string_view key);
// The declaration `key` falls under for a node with these labels (undeclared labels are
// null and skipped): the first label declaring it, else the common property; a label may
// redeclare a common property. Null when none declares it. `owner`, when given, is set to
// the label declaring it (null for a common property).
const PropertyDef* findForLabels(const std::vector<const LabelDef*>& labels, std::string_view key,
                                 const LabelDef** owner = nullptr);
// The same for a relationship of type `def`.
const PropertyDef* findForType(const RelTypeDef& def, std::string_view key);

// Whether a node may be an endpoint of a relationship type whose declaration restricts that
// end (`restricted`: it lists labels) to `labels` (names or graph ids, as `hasLabel` takes
// them): an unrestricted end takes any node, a restricted one a node carrying one of them.
template <typename Labels, typename HasLabel>
bool endpointAllowed(bool restricted, const Labels& labels, HasLabel&& hasLabel) {
  if (!restricted) return true;
  for (const auto& l : labels)
    if (hasLabel(l)) return true;
  return false;
}

// ---- violations, worded once. `who` names the node or relationship ("node 'KAZ'"), `owner`
// the label or type declaring the property (empty for a common property).

// "property 'year' of SUPPLIES expects int, got string \"x\""; with `forms`, "... expects
// date (YYYY-MM-DD, YYYY-MM or YYYY), got ...".
std::string typeMismatch(std::string_view key, std::string_view owner, PropType expected,
                         std::string_view got, std::string_view forms = {});
// "property 'cca2' is not declared for Nation (declared: name, area_km2)"; with `who`,
// "property 'cca2' of node 'RUS' is not declared for ...". Labels may hold nulls (skipped).
std::string undeclaredProperty(std::string_view key, std::string_view who,
                               const std::vector<const LabelDef*>& labels);
std::string undeclaredProperty(std::string_view key, std::string_view who, const RelTypeDef& def);
// "unknown label 'Country' (the schema declares: Nation, Resource)"; with `who`, "unknown
// label 'Planet' of node 'mars' (...)".
std::string undeclaredLabel(std::string_view label, std::string_view who, const Schema& schema);
// "unknown relationship type 'X' (the schema declares: SUPPLIES, BORDERS)".
std::string undeclaredRelType(std::string_view type, const Schema& schema);
// "node 'KAZ' has no label (the schema requires a declared label)".
std::string unlabeledNode(std::string_view who);
// "node 'RUS' lacks the key property 'id' of Nation".
std::string missingKey(std::string_view who, const LabelDef& def);
// "node 'RUS' lacks required property 'name' of Nation".
std::string missingRequired(std::string_view who, const LabelDef& def, std::string_view key);
// "relationship SUPPLIES lacks required property 'resource'".
std::string missingRequired(const RelTypeDef& def, std::string_view key);
// "relationship PRODUCES cannot start at node 'REE' (labels: Resource); allowed: Nation";
// `labels` lists the node's labels ("" for none).
std::string endpointNotAllowed(const RelTypeDef& def, bool start, std::string_view who,
                               std::string_view labels);

}  // namespace rules
}  // namespace silkgraph
