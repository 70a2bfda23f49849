// silkgraph.Result: the rows of one statement as a DB-API style cursor (iteration, fetchone,
// fetchmany, fetchall, rows_as_dict) streaming from the statement, its summary, and the raw
// material of to_df (frame.cpp) and to_networkx (silkgraph/_result.py).
#include <functional>
#include <unordered_set>

#include "python/src/native.h"

namespace silkgraph::py {

namespace {

pyb::dict propsToPython(const ValueMap& m, const ResultData& data) {
  pyb::dict d;
  for (const auto& [k, v] : m) d[pyb::str(k)] = toPython(v, data);
  return d;
}

}  // namespace

pyb::list ResultHandle::columns() const {
  pyb::list out;
  for (const SharedString& c : data_->result.columns) out.append(pyb::str(c.data(), c.size()));
  return out;
}

pyb::object ResultHandle::row(size_t i) const {
  const auto& r = data_->result.rows[i];
  std::lock_guard lock(data_->mutex);
  pyb::tuple t(r.size());
  for (size_t c = 0; c < r.size(); ++c) t[c] = toPython(r[c], *data_);
  return t;
}

void ResultHandle::endStream() {
  const QueryResult& summary = stream_->summary();
  data_->result.stats = summary.stats;
  data_->result.elapsedMs = summary.elapsedMs;
  if (!summary.plan.empty()) data_->result.plan = summary.plan;
  stream_.reset();
}

void ResultHandle::raiseFailure() const {
  // The same exception object, its traceback reset so that it does not grow at each raise.
  PyException_SetTraceback(failure_.ptr(), Py_None);
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(failure_.ptr())), failure_.ptr());
  throw pyb::error_already_set();
}

void ResultHandle::pull(const std::function<void()>& f) {
  try {
    db_->waitFor(f, data_->query);
  } catch (pyb::error_already_set& e) {
    if (e.matches(PyExc_KeyboardInterrupt)) {
      try {
        raiseError(ErrorKind::Cancelled,
                   "the statement was stopped by KeyboardInterrupt while its rows were read");
      } catch (pyb::error_already_set& cancelled) {
        failure_ = cancelled.value();
      }
    } else {
      failure_ = e.value();
    }
    if (stream_) stream_->close();
    stream_.reset();
    base_ = cursor_;
    data_->result.rows.clear();
    throw;
  }
}

bool ResultHandle::ensure() {
  if (failure_) raiseFailure();
  auto& rows = data_->result.rows;
  if (cursor_ < base_ + rows.size()) return true;
  if (!stream_) return false;
  // Rows handed out are dropped, so that reading a long result holds a batch at a time.
  base_ += rows.size();
  rows.clear();
  bool more = false;
  pull([&] {
    std::lock_guard lock(*readMutex_);
    more = stream_->nextBatch(rows);
  });
  if (!more) endStream();
  return more && !rows.empty();
}

void ResultHandle::readAll() {
  if (failure_) raiseFailure();
  if (!stream_) return;
  auto& rows = data_->result.rows;
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(cursor_ - base_));
  base_ = cursor_;
  pull([&] {
    std::lock_guard lock(*readMutex_);
    while (stream_->nextBatch(rows)) {
    }
  });
  endStream();
}

void ResultHandle::close() {
  if (stream_) stream_->close();
  stream_.reset();
  base_ = cursor_;
  data_->result.rows.clear();
}

size_t ResultHandle::size() {
  checkOpen();
  readAll();
  return base_ + data_->result.rows.size();
}

pyb::object ResultHandle::fetchone() {
  checkOpen();
  if (!ensure()) return pyb::none();
  return row(cursor_++ - base_);
}

pyb::list ResultHandle::fetchmany(size_t n) {
  checkOpen();
  pyb::list out;
  while (n-- > 0 && ensure()) out.append(row(cursor_++ - base_));
  return out;
}

pyb::list ResultHandle::fetchall() {
  checkOpen();
  readAll();
  const size_t n = data_->result.rows.size() - (cursor_ - base_);
  pyb::list out(n);
  for (size_t i = 0; i < n; ++i) out[i] = row(cursor_++ - base_);
  return out;
}

pyb::list ResultHandle::rowsAsDict() {
  checkOpen();
  pyb::list names = columns();
  pyb::list out;
  while (ensure()) {
    const auto& r = data_->result.rows[cursor_++ - base_];
    std::lock_guard lock(data_->mutex);
    pyb::dict d;
    for (size_t c = 0; c < r.size(); ++c) d[names[c]] = toPython(r[c], *data_);
    out.append(std::move(d));
  }
  return out;
}

pyb::object ResultHandle::summary() {
  checkOpen();
  readAll();
  const QueryStats& s = data_->result.stats;
  return pythonType("Summary")(
      pyb::arg("nodes_created") = s.nodesCreated, pyb::arg("nodes_deleted") = s.nodesDeleted,
      pyb::arg("relationships_created") = s.relsCreated,
      pyb::arg("relationships_deleted") = s.relsDeleted, pyb::arg("labels_added") = s.labelsAdded,
      pyb::arg("labels_removed") = s.labelsRemoved, pyb::arg("properties_set") = s.propertiesSet,
      pyb::arg("contains_updates") = s.containsUpdates(),
      pyb::arg("elapsed_ms") = data_->result.elapsedMs,
      pyb::arg("plan") = data_->result.explain ? pyb::object(pyb::str(data_->result.plan))
                                               : pyb::object(pyb::none()));
}

std::string ResultHandle::repr() const {
  std::string cols;
  for (const SharedString& c : data_->result.columns) {
    if (!cols.empty()) cols += ", ";
    cols += c.view();
  }
  // The row count is known once the statement has ended and its rows are all here.
  std::string rows = stream_ ? std::string("streaming")
                             : "rows=" + std::to_string(base_ + data_->result.rows.size());
  return "<silkgraph.Result columns=[" + cols + "] " + rows + ">";
}

pyb::tuple ResultHandle::graphElements() {
  checkOpen();
  readAll();
  // The entities the unread rows refer to, in first-seen order (a relationship brings its end
  // nodes).
  std::vector<NodeId> nodeOrder;
  std::vector<RelId> relOrder;
  std::unordered_set<NodeId> seenNodes;
  std::unordered_set<RelId> seenRels;
  std::lock_guard lock(data_->mutex);
  std::function<void(const Value&)> walk = [&](const Value& v) {
    switch (v.type()) {
      case Value::Type::Node:
        if (data_->nodes.count(v.asNode()) && seenNodes.insert(v.asNode()).second)
          nodeOrder.push_back(v.asNode());
        break;
      case Value::Type::Rel: {
        auto it = data_->rels.find(v.asRel());
        if (it == data_->rels.end() || !seenRels.insert(v.asRel()).second) break;
        relOrder.push_back(v.asRel());
        walk(Value(NodeRef{it->second.start}));
        walk(Value(NodeRef{it->second.end}));
        break;
      }
      case Value::Type::Path:
        for (NodeId n : v.asPath().nodes) walk(Value(NodeRef{n}));
        for (RelId r : v.asPath().rels) walk(Value(RelRef{r}));
        break;
      case Value::Type::List:
        for (const Value& e : v.asList()) walk(e);
        break;
      case Value::Type::Map:
        for (const auto& [k, e] : v.asMap()) walk(e);
        break;
      default:
        break;
    }
  };
  for (const auto& row : data_->result.rows)
    for (const Value& v : row) walk(v);
  pyb::list nodes, rels;
  for (NodeId n : nodeOrder) {
    const NodeSnapshot& s = data_->nodes.at(n);
    pyb::tuple labels(s.labels.size());
    for (size_t i = 0; i < s.labels.size(); ++i) labels[i] = pyb::str(s.labels[i]);
    nodes.append(
        pyb::make_tuple(static_cast<int64_t>(n), labels, propsToPython(s.properties, *data_)));
  }
  for (RelId r : relOrder) {
    const RelSnapshot& s = data_->rels.at(r);
    rels.append(pyb::make_tuple(static_cast<int64_t>(r), static_cast<int64_t>(s.start),
                                static_cast<int64_t>(s.end), pyb::str(s.type),
                                propsToPython(s.properties, *data_)));
  }
  return pyb::make_tuple(nodes, rels);
}

void bindResult(pyb::module_& m) {
  pyb::class_<ResultHandle>(m, "Result", R"doc(
The rows of one statement, read like a DB-API cursor.

Iterate it for tuples (dicts() for dicts), or use fetchone(), fetchmany(n), fetchall(),
rows_as_dict(); to_df() and to_networkx() read the rows not yet read (all of them on a fresh
Result). A Result streams: a statement that writes nothing makes its rows as they are read, a
batch ahead, and rows read are not kept, so iterating over millions of rows holds few; close()
(or dropping the Result) stops the statement. len() and summary read the remaining rows first. Any other call
on the Database first reads the remaining rows into the Result: later statements do not
change it, but it cannot be read once its Database is closed (silkgraph.ArgumentError).)doc")
      .def_property_readonly("columns", &ResultHandle::columns, "The column names, in order.")
      .def_property_readonly("summary", &ResultHandle::summary,
                             "A silkgraph.Summary: write counters and the time the statement took.")
      .def("fetchone", &ResultHandle::fetchone, "The next row as a tuple, or None after the last.")
      .def("fetchmany", &ResultHandle::fetchmany, pyb::arg("size") = 1,
           "Up to `size` next rows, as a list of tuples.")
      .def("fetchall", &ResultHandle::fetchall, "The remaining rows, as a list of tuples.")
      .def("rows_as_dict", &ResultHandle::rowsAsDict,
           "The remaining rows, as a list of dicts from column name to value.")
      .def("__len__", &ResultHandle::size, "The number of rows (fetched or not).")
      .def("__iter__", [](pyb::object self) { return self; })
      .def("__next__",
           [](ResultHandle& r) {
             pyb::object row = r.fetchone();
             if (row.is_none()) throw pyb::stop_iteration();
             return row;
           })
      .def("close", &ResultHandle::close,
           "Stops the statement if it still runs; the rows not read are dropped.")
      .def("__enter__", [](pyb::object self) { return self; })
      .def("__exit__",
           [](ResultHandle& r, pyb::object, pyb::object, pyb::object) {
             r.close();
             return false;
           })
      .def_property_readonly("sources", &ResultHandle::sources, R"doc(
With execute(..., why=True): per row, the list of citations (the `sources` of every node and
relationship the row's match used, docs/provenance.md); None otherwise.)doc")
      .def_property_readonly("conflicts", &ResultHandle::conflicts, R"doc(
With execute(..., why=True): per row, the conflicting facts it rests on, each a dict
{"fact": str, "claims": [{"claim": str, "sources": [str, ...]}, ...]}; None otherwise.)doc")
      .def("__repr__", &ResultHandle::repr)
      .def("_frame_columns", &ResultHandle::frameColumns)
      .def("_graph_elements", &ResultHandle::graphElements);
}

}  // namespace silkgraph::py
