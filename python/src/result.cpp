// silkgraph.Result: the rows of one statement as a DB-API style cursor (iteration, fetchone,
// fetchmany, fetchall, rows_as_dict) over a snapshot, its summary, and the raw material of
// to_df (frame.cpp) and to_networkx (silkgraph/_result.py).
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
  for (const std::string& c : data_->result.columns) out.append(pyb::str(c));
  return out;
}

pyb::object ResultHandle::row(size_t i) const {
  const auto& r = data_->result.rows[i];
  pyb::tuple t(r.size());
  for (size_t c = 0; c < r.size(); ++c) t[c] = toPython(r[c], *data_);
  return t;
}

pyb::object ResultHandle::fetchone() {
  checkOpen();
  if (cursor_ >= data_->result.rows.size()) return pyb::none();
  return row(cursor_++);
}

pyb::list ResultHandle::fetchmany(size_t n) {
  checkOpen();
  pyb::list out;
  while (n-- > 0 && cursor_ < data_->result.rows.size()) out.append(row(cursor_++));
  return out;
}

pyb::list ResultHandle::fetchall() {
  checkOpen();
  pyb::list out(data_->result.rows.size() - cursor_);
  for (size_t i = 0; cursor_ < data_->result.rows.size(); ++i) out[i] = row(cursor_++);
  return out;
}

pyb::list ResultHandle::rowsAsDict() {
  checkOpen();
  pyb::list names = columns();
  pyb::list out;
  for (; cursor_ < data_->result.rows.size(); ++cursor_) {
    const auto& r = data_->result.rows[cursor_];
    pyb::dict d;
    for (size_t c = 0; c < r.size(); ++c) d[names[c]] = toPython(r[c], *data_);
    out.append(std::move(d));
  }
  return out;
}

pyb::object ResultHandle::summary() const {
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
  for (const std::string& c : data_->result.columns) cols += (cols.empty() ? "" : ", ") + c;
  return "<silkgraph.Result columns=[" + cols +
         "] rows=" + std::to_string(data_->result.rows.size()) + ">";
}

pyb::tuple ResultHandle::graphElements() const {
  checkOpen();
  pyb::list nodes, rels;
  for (NodeId n : data_->nodeOrder) {
    const NodeSnapshot& s = data_->nodes.at(n);
    pyb::tuple labels(s.labels.size());
    for (size_t i = 0; i < s.labels.size(); ++i) labels[i] = pyb::str(s.labels[i]);
    nodes.append(
        pyb::make_tuple(static_cast<int64_t>(n), labels, propsToPython(s.properties, *data_)));
  }
  for (RelId r : data_->relOrder) {
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

Iterate it for tuples, or use fetchone(), fetchmany(n), fetchall(), rows_as_dict();
to_df() and to_networkx() read every row whatever the cursor. A Result is a snapshot taken
when the statement finished: later statements do not change it, but it cannot be read once
its Database is closed (silkgraph.ArgumentError).)doc")
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
      .def("__repr__", &ResultHandle::repr)
      .def("_frame_columns", &ResultHandle::frameColumns)
      .def("_graph_elements", &ResultHandle::graphElements);
}

}  // namespace silkgraph::py
