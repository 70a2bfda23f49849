// Implements engine/schema_rules.h: value conformance, declaration lookup and the wording of
// schema violations shared by the loaders and write statements.
#include "engine/schema_rules.h"

#include <algorithm>

namespace silkgraph {

namespace {

// The scalar kind of a value, or nullopt for null, lists and maps.
std::optional<ScalarKind> kindOf(const Value& v) {
  switch (v.type()) {
    case Value::Type::Bool:
      return ScalarKind::Bool;
    case Value::Type::Int:
      return ScalarKind::Int;
    case Value::Type::Float:
      return ScalarKind::Float;
    case Value::Type::String:
      return ScalarKind::String;
    case Value::Type::Date:
      return ScalarKind::Date;
    case Value::Type::LocalTime:
      return ScalarKind::LocalTime;
    case Value::Type::Time:
      return ScalarKind::Time;
    case Value::Type::LocalDateTime:
      return ScalarKind::LocalDateTime;
    case Value::Type::DateTime:
      return ScalarKind::DateTime;
    case Value::Type::Duration:
      return ScalarKind::Duration;
    default:
      return std::nullopt;
  }
}

bool valueFits(const Value& v, ScalarKind elem) {
  std::optional<ScalarKind> k = kindOf(v);
  return k && rules::scalarFits(*k, rules::typeOf(elem, false));
}

std::string declaredList(const std::vector<PropertyDef>& props) {
  std::string out;
  for (const PropertyDef& p : props) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out.empty() ? "none" : out;
}

std::string quote(std::string_view s) {
  std::string out;  // appended: GCC 12's -Wrestrict misfires on "'" + std::string(...)
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

std::string propertyOf(std::string_view key, std::string_view who) {
  std::string msg = "property " + quote(key);
  if (!who.empty()) {
    msg += " of ";
    msg += who;
  }
  return msg;
}

}  // namespace

const char* scalarKindName(ScalarKind k) {
  switch (k) {
    case ScalarKind::String:
      return "string";
    case ScalarKind::Int:
      return "int";
    case ScalarKind::Float:
      return "float";
    case ScalarKind::Bool:
      return "boolean";
    case ScalarKind::Date:
      return "date";
    case ScalarKind::LocalTime:
      return "localtime";
    case ScalarKind::Time:
      return "time";
    case ScalarKind::LocalDateTime:
      return "localdatetime";
    case ScalarKind::DateTime:
      return "datetime";
    case ScalarKind::Duration:
      return "duration";
  }
  return "?";
}

std::optional<Value> parseTemporalScalar(ScalarKind k, std::string_view text) {
  switch (k) {
    case ScalarKind::LocalTime:
      return parseTemporalValue(Value::Type::LocalTime, text);
    case ScalarKind::Time:
      return parseTemporalValue(Value::Type::Time, text);
    case ScalarKind::LocalDateTime:
      return parseTemporalValue(Value::Type::LocalDateTime, text);
    case ScalarKind::DateTime:
      return parseTemporalValue(Value::Type::DateTime, text);
    case ScalarKind::Duration:
      return parseTemporalValue(Value::Type::Duration, text);
    default:
      return std::nullopt;
  }
}

const char* temporalForms(PropType t) {
  switch (t) {
    case PropType::Date:
      return "YYYY-MM-DD, YYYY-MM or YYYY";
    case PropType::LocalTime:
      return "e.g. 09:30 or 09:30:15.5";
    case PropType::Time:
      return "e.g. 09:30+09:00 or 09:30Z";
    case PropType::LocalDateTime:
      return "e.g. 2024-11-04T09:30";
    case PropType::DateTime:
      return "e.g. 2024-11-04T09:30+09:00 or 2024-11-04T09:30[Asia/Seoul]";
    case PropType::Duration:
      return "e.g. P1Y2M or PT1H30M";
    default:
      return "";
  }
}

bool conforms(const Value& v, PropType t) {
  switch (t) {
    case PropType::Any:
      return true;
    case PropType::List:
      return v.type() == Value::Type::List;
    case PropType::Map:
      return v.type() == Value::Type::Map;
    case PropType::StringList:
    case PropType::IntList:
    case PropType::FloatList: {
      if (v.type() != Value::Type::List) return false;
      const ScalarKind elem = *rules::elementOf(t);
      const ValueList& l = v.asList();
      return std::all_of(l.begin(), l.end(), [&](const Value& e) { return valueFits(e, elem); });
    }
    default: {
      std::optional<ScalarKind> k = kindOf(v);
      return k && rules::scalarFits(*k, t);
    }
  }
}

Value coerce(const Value& v, PropType t) {
  if (!rules::needsCoercion(v, t)) return v;
  if (v.type() == Value::Type::Int) return Value(v.asNumber());
  ValueList out;
  out.reserve(v.asList().size());
  for (const Value& e : v.asList()) out.emplace_back(e.isNumber() ? Value(e.asNumber()) : e);
  return Value(std::move(out));
}

namespace rules {

bool needsCoercion(const Value& v, PropType t) {
  if (t == PropType::Float) return v.type() == Value::Type::Int;
  if (t != PropType::FloatList || v.type() != Value::Type::List) return false;
  const ValueList& l = v.asList();
  return std::any_of(l.begin(), l.end(),
                     [](const Value& e) { return e.type() == Value::Type::Int; });
}

const PropertyDef* findCommon(std::string_view key) {
  for (const PropertyDef& p : Schema::commonProperties())
    if (p.name == key) return &p;
  return nullptr;
}

const PropertyDef* findForLabels(const std::vector<const LabelDef*>& labels, std::string_view key,
                                 const LabelDef** owner) {
  if (owner) *owner = nullptr;
  for (const LabelDef* def : labels)
    if (def)
      if (const PropertyDef* p = def->findProperty(key)) {
        if (owner) *owner = def;
        return p;
      }
  return findCommon(key);
}

const PropertyDef* findForType(const RelTypeDef& def, std::string_view key) {
  if (const PropertyDef* p = def.findProperty(key)) return p;
  return findCommon(key);
}

std::string typeMismatch(std::string_view key, std::string_view owner, PropType expected,
                         std::string_view got, std::string_view forms) {
  std::string msg = propertyOf(key, owner);
  msg += " expects ";
  msg += propTypeName(expected);
  if (!forms.empty()) {
    msg += " (";
    msg += forms;
    msg += ")";
  }
  msg += ", got ";
  msg += got;
  return msg;
}

std::string undeclaredProperty(std::string_view key, std::string_view who,
                               const std::vector<const LabelDef*>& labels) {
  std::string msg = propertyOf(key, who) + " is not declared for ";
  bool first = true;
  for (const LabelDef* def : labels) {
    if (!def) continue;
    if (!first) msg += ", ";
    first = false;
    msg += def->name + " (declared: " + declaredList(def->properties) + ")";
  }
  return msg;
}

std::string undeclaredProperty(std::string_view key, std::string_view who, const RelTypeDef& def) {
  return propertyOf(key, who) + " is not declared for " + def.name +
         " (declared: " + declaredList(def.properties) + ")";
}

std::string undeclaredLabel(std::string_view label, std::string_view who, const Schema& schema) {
  std::string known;
  for (const LabelDef& l : schema.labels()) known += (known.empty() ? "" : ", ") + l.name;
  std::string msg = "unknown label " + quote(label);
  if (!who.empty()) {
    msg += " of ";
    msg += who;
  }
  return msg + " (the schema declares: " + known + ")";
}

std::string undeclaredRelType(std::string_view type, const Schema& schema) {
  std::string known;
  for (const RelTypeDef& t : schema.relTypes()) known += (known.empty() ? "" : ", ") + t.name;
  return "unknown relationship type " + quote(type) + " (the schema declares: " + known + ")";
}

std::string unlabeledNode(std::string_view who) {
  return std::string(who) + " has no label (the schema requires a declared label)";
}

std::string missingKey(std::string_view who, const LabelDef& def) {
  return std::string(who) + " lacks the key property " + quote(def.key) + " of " + def.name;
}

std::string missingRequired(std::string_view who, const LabelDef& def, std::string_view key) {
  return std::string(who) + " lacks required property " + quote(key) + " of " + def.name;
}

std::string missingRequired(const RelTypeDef& def, std::string_view key) {
  return "relationship " + def.name + " lacks required property " + quote(key);
}

std::string endpointNotAllowed(const RelTypeDef& def, bool start, std::string_view who,
                               std::string_view labels) {
  const std::vector<std::string>& allowed = start ? def.from : def.to;
  std::string list;
  for (const std::string& l : allowed) list += (list.empty() ? "" : ", ") + l;
  std::string msg = "relationship " + def.name + (start ? " cannot start at " : " cannot end at ");
  msg += who;
  msg += labels.empty() ? std::string(" (no label)") : " (labels: " + std::string(labels) + ")";
  return msg + "; allowed: " + list;
}

}  // namespace rules
}  // namespace silkgraph
