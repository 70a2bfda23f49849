// Values between Cypher and Python: result cells to Python objects (nodes, relationships and
// paths as the package's small classes, from a snapshot taken when the statement made the row),
// and Python parameters to Values, refusing what has no Cypher equivalent.
// clang-format off
#include "python/src/native.h"  // Python.h first, as datetime.h needs it
#include <datetime.h>
// clang-format on

#include <algorithm>
#include <cmath>

namespace silkgraph::py {

namespace {

// Held for the life of the process: Python classes outlive any use at shutdown.
pyb::dict* g_types = nullptr;

void ensureDateTimeApi() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw pyb::error_already_set();
  }
}

void collect(const Value& v, const Graph& g, ResultData& data) {
  switch (v.type()) {
    case Value::Type::Node: {
      const NodeId n = v.asNode();
      if (data.nodes.count(n) || !g.nodeExists(n)) return;
      NodeSnapshot s;
      for (LabelId l : g.nodeLabels(n)) s.labels.push_back(g.labelName(l));
      std::sort(s.labels.begin(), s.labels.end());
      ValueMap props;
      g.forEachNodeProperty(n,
                            [&](KeyId k, const Value& p) { props.emplace_back(g.keyName(k), p); });
      std::sort(props.begin(), props.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      s.properties = std::move(props);
      data.nodes.emplace(n, std::move(s));
      data.nodeOrder.push_back(n);
      return;
    }
    case Value::Type::Rel: {
      const RelId r = v.asRel();
      if (data.rels.count(r) || !g.relExists(r)) return;
      RelSnapshot s;
      s.start = g.relSource(r);
      s.end = g.relTarget(r);
      s.type = g.typeName(g.relType(r));
      ValueMap props;
      g.forEachRelProperty(r,
                           [&](KeyId k, const Value& p) { props.emplace_back(g.keyName(k), p); });
      std::sort(props.begin(), props.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      s.properties = std::move(props);
      data.rels.emplace(r, std::move(s));
      data.relOrder.push_back(r);
      // Both endpoints, so that a relationship always has its nodes.
      collect(Value(NodeRef{g.relSource(r)}), g, data);
      collect(Value(NodeRef{g.relTarget(r)}), g, data);
      return;
    }
    case Value::Type::Path: {
      const PathValue& p = v.asPath();
      for (NodeId n : p.nodes) collect(Value(NodeRef{n}), g, data);
      for (RelId r : p.rels) collect(Value(RelRef{r}), g, data);
      return;
    }
    case Value::Type::List:
      for (const Value& e : v.asList()) collect(e, g, data);
      return;
    case Value::Type::Map:
      for (const auto& [k, e] : v.asMap()) collect(e, g, data);
      return;
    default:
      return;
  }
}

bool mayHoldEntities(Value::Type t) {
  return t == Value::Type::Node || t == Value::Type::Rel || t == Value::Type::Path ||
         t == Value::Type::List || t == Value::Type::Map;
}

pyb::dict mapToPython(const ValueMap& m, const ResultData& data) {
  pyb::dict d;
  for (const auto& [k, v] : m) d[pyb::str(k)] = toPython(v, data);
  return d;
}

pyb::object nodeToPython(NodeId n, const ResultData& data) {
  auto it = data.nodes.find(n);
  pyb::tuple labels;
  pyb::dict props;
  if (it != data.nodes.end()) {
    labels = pyb::tuple(it->second.labels.size());
    for (size_t i = 0; i < it->second.labels.size(); ++i)
      labels[i] = pyb::str(it->second.labels[i]);
    props = mapToPython(it->second.properties, data);
  }
  return pythonType("Node")(static_cast<int64_t>(n), labels, props);
}

pyb::object relToPython(RelId r, const ResultData& data) {
  auto it = data.rels.find(r);
  if (it == data.rels.end())
    return pythonType("Relationship")(static_cast<int64_t>(r), pyb::none(), pyb::none(),
                                      pyb::none(), pyb::dict());
  const RelSnapshot& s = it->second;
  return pythonType("Relationship")(static_cast<int64_t>(r), pyb::str(s.type),
                                    static_cast<int64_t>(s.start), static_cast<int64_t>(s.end),
                                    mapToPython(s.properties, data));
}

pyb::object stringToPython(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!o) throw pyb::error_already_set();
  return pyb::reinterpret_steal<pyb::object>(o);
}

}  // namespace

void snapshotRow(const Graph& g, const std::vector<Value>& row, ResultData& data) {
  // Skip the walk (and the lock) for rows of plain scalars.
  bool any = false;
  for (const Value& v : row) any = any || mayHoldEntities(v.type());
  if (!any) return;
  std::lock_guard lock(data.mutex);
  for (const Value& v : row)
    if (mayHoldEntities(v.type())) collect(v, g, data);
}

void registerTypes(const pyb::dict& types) {
  if (!g_types) g_types = new pyb::dict();
  for (auto item : types) (*g_types)[item.first] = item.second;
}

pyb::object pythonType(const char* name) {
  if (!g_types || !g_types->contains(name))
    throw std::runtime_error(std::string("silkgraph: the Python type ") + name +
                             " is not registered (import the silkgraph package, not _native)");
  return (*g_types)[name];
}

pyb::object toPython(const Value& v, const ResultData& data) {
  switch (v.type()) {
    case Value::Type::Null:
      return pyb::none();
    case Value::Type::Bool:
      return pyb::bool_(v.asBool());
    case Value::Type::Int:
      return pyb::int_(v.asInt());
    case Value::Type::Float:
      return pyb::float_(v.asFloat());
    case Value::Type::String:
      return stringToPython(v.asString());
    case Value::Type::Date: {
      ensureDateTimeApi();
      int y = 0;
      unsigned mo = 0, d = 0;
      dateToYmd(v.asDate(), y, mo, d);
      if (y < 1 || y > 9999)
        raiseError(ErrorKind::ArgumentError,
                   "the date " + formatDate(v.asDate()) +
                       " is outside the years 1 to 9999 that datetime.date can hold");
      PyObject* o = PyDate_FromDate(y, static_cast<int>(mo), static_cast<int>(d));
      if (!o) throw pyb::error_already_set();
      return pyb::reinterpret_steal<pyb::object>(o);
    }
    case Value::Type::LocalTime:
    case Value::Type::Time:
    case Value::Type::LocalDateTime:
    case Value::Type::DateTime:
    case Value::Type::Duration:
      return temporalToPython(v);
    case Value::Type::List: {
      const ValueList& l = v.asList();
      pyb::list out(l.size());
      for (size_t i = 0; i < l.size(); ++i) out[i] = toPython(l[i], data);
      return out;
    }
    case Value::Type::Map:
      return mapToPython(v.asMap(), data);
    case Value::Type::Node:
      return nodeToPython(v.asNode(), data);
    case Value::Type::Rel:
      return relToPython(v.asRel(), data);
    case Value::Type::Path: {
      const PathValue& p = v.asPath();
      pyb::list nodes(p.nodes.size()), rels(p.rels.size());
      for (size_t i = 0; i < p.nodes.size(); ++i) nodes[i] = nodeToPython(p.nodes[i], data);
      for (size_t i = 0; i < p.rels.size(); ++i) rels[i] = relToPython(p.rels[i], data);
      return pythonType("Path")(nodes, rels);
    }
  }
  return pyb::none();
}

namespace {

[[noreturn]] void badType(pyb::handle obj, const std::string& what, const std::string& why) {
  std::string type = pyb::str(pyb::type::handle_of(obj).attr("__name__"));
  raiseError(ErrorKind::TypeError, what + ": " + why + " (got a Python " + type + ")");
}

Value listFromPython(pyb::handle obj, const std::string& what, int depth) {
  ValueList out;
  pyb::sequence seq = pyb::reinterpret_borrow<pyb::sequence>(obj);
  out.reserve(seq.size());
  for (size_t i = 0; i < seq.size(); ++i)
    out.push_back(fromPython(seq[i], what + "[" + std::to_string(i) + "]", depth + 1));
  return Value(std::move(out));
}

Value mapFromPython(pyb::handle obj, const std::string& what, int depth) {
  ValueMap out;
  for (auto item : pyb::reinterpret_borrow<pyb::dict>(obj)) {
    if (!PyUnicode_Check(item.first.ptr())) badType(item.first, what, "map keys must be strings");
    std::string key = item.first.cast<std::string>();
    out.emplace_back(key, fromPython(item.second, what + "['" + key + "']", depth + 1));
  }
  return Value(std::move(out));
}

}  // namespace

Value fromPython(pyb::handle obj, const std::string& what, int depth) {
  if (depth > 64) raiseError(ErrorKind::TypeError, what + ": nested too deeply (a cycle?)");
  PyObject* p = obj.ptr();
  if (p == Py_None) return Value();
  if (PyBool_Check(p)) return Value(p == Py_True);
  if (PyLong_Check(p) || (PyIndex_Check(p) && !PyFloat_Check(p) && !PyUnicode_Check(p))) {
    int overflow = 0;
    pyb::object asInt = pyb::reinterpret_steal<pyb::object>(PyNumber_Index(p));
    if (!asInt) throw pyb::error_already_set();
    long long i = PyLong_AsLongLongAndOverflow(asInt.ptr(), &overflow);
    if (overflow) badType(obj, what, "integer out of the 64-bit range");
    if (i == -1 && PyErr_Occurred()) throw pyb::error_already_set();
    return Value(static_cast<int64_t>(i));
  }
  if (PyFloat_Check(p)) return Value(PyFloat_AsDouble(p));
  if (PyUnicode_Check(p)) {
    Py_ssize_t size = 0;
    const char* s = PyUnicode_AsUTF8AndSize(p, &size);
    if (!s) {
      PyErr_Clear();
      badType(obj, what, "a string that is not valid Unicode (lone surrogates)");
    }
    return Value(std::string(s, static_cast<size_t>(size)));
  }
  ensureDateTimeApi();
  if (PyDateTime_Check(p) || PyTime_Check(p) || PyDelta_Check(p) ||
      pyb::isinstance(obj, pythonType("Duration"))) {
    if (auto t = temporalFromPython(obj)) return *t;
  }
  if (PyDate_Check(p)) {
    return Value(
        dateFromYmd(PyDateTime_GET_YEAR(p), PyDateTime_GET_MONTH(p), PyDateTime_GET_DAY(p)));
  }
  if (PyList_Check(p) || PyTuple_Check(p)) return listFromPython(obj, what, depth);
  if (PyDict_Check(p)) return mapFromPython(obj, what, depth);
  badType(obj, what,
          "parameters may be None, bool, int, float, str, datetime.date, datetime.datetime, "
          "datetime.time, datetime.timedelta, silkgraph.Duration, list, tuple or dict");
}

Params paramsFromPython(pyb::handle parameters) {
  Params params;
  if (parameters.is_none()) return params;
  if (!PyDict_Check(parameters.ptr()))
    badType(parameters, "parameters", "must be a dict of names to values");
  for (auto item : pyb::reinterpret_borrow<pyb::dict>(parameters)) {
    if (!PyUnicode_Check(item.first.ptr()))
      badType(item.first, "parameters", "parameter names must be strings");
    std::string name = item.first.cast<std::string>();
    params[name] = fromPython(item.second, "parameter $" + name);
  }
  return params;
}

}  // namespace silkgraph::py
