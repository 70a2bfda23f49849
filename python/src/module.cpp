// silkgraph._native: the pybind11 module behind the silkgraph package (python/silkgraph/):
// the Database and PreparedStatement classes here, Result in result.cpp.
#include <pybind11/stl.h>

#include "python/src/native.h"

namespace silkgraph::py {

namespace {

// Wraps a handle so that Python holds it through a shared_ptr, which results share.
struct DatabaseObject {
  std::shared_ptr<DatabaseHandle> handle;
};

std::string pathText(pyb::handle p) {
  if (PyUnicode_Check(p.ptr())) return p.cast<std::string>();
  pyb::object fs = pyb::module_::import("os").attr("fspath");
  pyb::object s;
  try {
    s = fs(p);
  } catch (pyb::error_already_set&) {
    raiseError(ErrorKind::TypeError,
               "a data path must be a str or os.PathLike, not " +
                   std::string(pyb::str(pyb::type::handle_of(p).attr("__name__"))));
  }
  if (!PyUnicode_Check(s.ptr())) raiseError(ErrorKind::TypeError, "a data path must be a str");
  return s.cast<std::string>();
}

std::vector<std::string> pathList(pyb::handle paths) {
  std::vector<std::string> out;
  if (paths.is_none()) return out;
  if (PyList_Check(paths.ptr()) || PyTuple_Check(paths.ptr())) {
    for (pyb::handle p : paths) out.push_back(pathText(p));
  } else {
    out.push_back(pathText(paths));
  }
  return out;
}

double timeoutSeconds(pyb::handle t) {
  if (t.is_none()) return 0;
  if (!PyFloat_Check(t.ptr()) && !PyLong_Check(t.ptr()))
    raiseError(ErrorKind::TypeError, "timeout must be a number of seconds or None");
  const double s = t.cast<double>();
  if (!(s > 0)) raiseError(ErrorKind::ArgumentError, "timeout must be more than 0 seconds");
  return s;
}

// threads=: 1 to 256, as the shell's --threads takes it.
unsigned threadCount(int64_t threads) {
  if (threads < 1 || threads > 256)
    raiseError(ErrorKind::ArgumentError,
               "threads: expected a number from 1 to 256, not " + std::to_string(threads));
  return static_cast<unsigned>(threads);
}

// as_of: None, a datetime.date or its ISO text 'YYYY-MM-DD' (docs/time.md).
std::optional<Date> viewDate(pyb::handle asOf) {
  if (asOf.is_none()) return std::nullopt;
  if (PyUnicode_Check(asOf.ptr())) {
    std::string s = asOf.cast<std::string>();
    Date d;
    if (s.size() != 10 || !parseDate(s, d))
      raiseError(ErrorKind::ArgumentError,
                 "as_of must be a datetime.date or a date 'YYYY-MM-DD', not '" + s + "'");
    return d;
  }
  pyb::module_ dt = pyb::module_::import("datetime");
  if (!pyb::isinstance(asOf, dt.attr("date")) || pyb::isinstance(asOf, dt.attr("datetime")))
    raiseError(ErrorKind::TypeError, "as_of must be a datetime.date, a 'YYYY-MM-DD' str or None");
  return dateFromYmd(asOf.attr("year").cast<int>(), asOf.attr("month").cast<unsigned>(),
                     asOf.attr("day").cast<unsigned>());
}

// max_memory=: bytes (an int) or a size as the shell takes it ("512MB", "2 GB"); None for none.
uint64_t memoryBytes(pyb::handle m) {
  if (m.is_none()) return 0;
  if (PyLong_Check(m.ptr()) && !PyBool_Check(m.ptr())) {
    const auto b = m.cast<int64_t>();
    if (b <= 0) raiseError(ErrorKind::ArgumentError, "max_memory must be more than 0 bytes");
    return static_cast<uint64_t>(b);
  }
  if (PyUnicode_Check(m.ptr())) {
    const std::string text = m.cast<std::string>();
    const uint64_t b = parseByteSize(text);
    if (b == 0)
      raiseError(ErrorKind::ArgumentError,
                 "max_memory '" + text + "' is not a size (examples: 512MB, 2GB, 100000)");
    return b;
  }
  raiseError(ErrorKind::TypeError,
             "max_memory must be a number of bytes, a size such as '512MB', "
             "or None");
}

ResultHandle run(DatabaseObject& self, pyb::handle query, pyb::handle parameters,
                 pyb::handle timeout, pyb::handle maxMemory, pyb::handle asOf, bool why) {
  const double seconds = timeoutSeconds(timeout);
  const uint64_t bytes = memoryBytes(maxMemory);
  const std::optional<Date> day = viewDate(asOf);
  Params params = paramsFromPython(parameters);
  Execution e;
  if (pyb::isinstance<PreparedQuery>(query)) {
    const PreparedQuery& prepared = query.cast<const PreparedQuery&>();
    e = self.handle->execute(prepared.text(), &prepared, params, seconds, bytes, day, why);
  } else if (PyUnicode_Check(query.ptr())) {
    e = self.handle->execute(query.cast<std::string>(), nullptr, params, seconds, bytes, day, why);
  } else {
    raiseError(ErrorKind::TypeError, "the query must be a str or a PreparedStatement");
  }
  return ResultHandle(std::move(e), self.handle);
}

}  // namespace

void bindDatabase(pyb::module_& m) {
  pyb::class_<PreparedQuery>(m, "PreparedStatement", R"doc(
A statement parsed once by Database.prepare(); pass it to Database.execute() in place of the
query text to skip the parse. Binding and planning still run at each execute.)doc")
      .def_property_readonly("query", &PreparedQuery::text, "The statement's text.")
      .def("__repr__",
           [](const PreparedQuery& q) { return "<silkgraph.PreparedStatement " + q.text() + ">"; });

  pyb::class_<DatabaseObject>(m, "Database", R"doc(
A silkgraph graph database.

Database() is empty, in memory; Database(["dir", "f.json"]) loads data files and directories
into memory, all or nothing (silkgraph.LoadError or IOError naming the file and place).
Database("world.sg") opens a database file for reading and writing (a missing one is
created): each statement that changes it, or each commit() of a transaction, is in its log
on disk before execute() returns, and close() folds the log into the file (docs/storage.md).
One process writes a database file at a time. read_only: open it for reading only (writing
statements, load() and save() are refused). threads: threads a statement (and the load) may
use, 1 to 256. timeout: seconds after which a statement is cancelled (silkgraph.Cancelled).
max_memory: what one statement may hold for sorting, grouping, collecting and its rows, in
bytes or as "512MB" (silkgraph.MemoryLimitExceeded past it).)doc")
      .def(pyb::init([](pyb::object paths, int64_t threads, bool readOnly, pyb::object timeout,
                        pyb::object maxMemory) {
             auto handle = std::make_shared<DatabaseHandle>(
                 threadCount(threads), readOnly, timeoutSeconds(timeout), memoryBytes(maxMemory));
             std::vector<std::string> list = pathList(paths);
             if (list.size() == 1 && Database::isDatabaseFile(list[0]))
               handle->open(list[0]);
             else if (!list.empty())
               handle->load(list);
             return DatabaseObject{std::move(handle)};
           }),
           pyb::arg("paths") = pyb::none(), pyb::kw_only(), pyb::arg("threads") = 1,
           pyb::arg("read_only") = false, pyb::arg("timeout") = pyb::none(),
           pyb::arg("max_memory") = pyb::none())
      .def(
          "execute",
          [](DatabaseObject& self, pyb::object query, pyb::object parameters, pyb::object timeout,
             pyb::object maxMemory, pyb::object asOf,
             bool why) { return run(self, query, parameters, timeout, maxMemory, asOf, why); },
          pyb::arg("query"), pyb::arg("parameters") = pyb::none(), pyb::kw_only(),
          pyb::arg("timeout") = pyb::none(), pyb::arg("max_memory") = pyb::none(),
          pyb::arg("as_of") = pyb::none(), pyb::arg("why") = false, R"doc(
Runs one openCypher statement and returns its Result. parameters: a dict for $name in the
query (None, bool, int, float, str, datetime.date, datetime.datetime, datetime.time,
datetime.timedelta, silkgraph.Duration, and lists, tuples and dicts of them). The statement is
atomic: if it fails, nothing changes. Errors raise a subclass of silkgraph.Error; Ctrl-C
(KeyboardInterrupt), interrupt(), the timeout and max_memory (this statement's, in place of
the Database's) stop a running statement. A statement that writes nothing streams: execute()
returns once its first rows are ready and the Result makes the rest as it is read; one that
writes has committed before execute() returns. as_of: a view date (datetime.date or
'YYYY-MM-DD'): the statement sees only the nodes and relationships valid on that day
(docs/time.md). why=True: the Result's sources and conflicts say which citations each row
rests on (docs/provenance.md); the statement then runs to the end before execute() returns.)doc")
      .def(
          "prepare",
          [](DatabaseObject& self, const std::string& q) { return self.handle->prepare(q); },
          pyb::arg("query"), "Parses a statement once, for repeated execute() calls.")
      .def(
          "load",
          [](DatabaseObject& self, pyb::object paths) {
            if (self.handle->readOnly())
              raiseError(ErrorKind::ArgumentError, "the database was opened read_only");
            self.handle->load(pathList(paths));
          },
          pyb::arg("paths"), "Loads more data files or directories, all or nothing.")
      .def(
          "save",
          [](DatabaseObject& self, pyb::object path) {
            if (self.handle->readOnly())
              raiseError(ErrorKind::ArgumentError, "the database was opened read_only");
            self.handle->save(pathText(path));
          },
          pyb::arg("path"), "Writes the whole database to a database file (a name ending in .sg).")
      .def(
          "begin",
          [](DatabaseObject& self) { self.handle->call([](Database& db) { db.begin(); }); },
          "Opens a transaction: the statements up to commit() are one change (see transaction()).")
      .def(
          "commit",
          [](DatabaseObject& self) { self.handle->call([](Database& db) { db.commit(); }); },
          "Commits the open transaction: its changes reach the log as one record.")
      .def(
          "rollback",
          [](DatabaseObject& self) { self.handle->call([](Database& db) { db.rollback(); }); },
          "Undoes the open transaction.")
      .def(
          "checkpoint",
          [](DatabaseObject& self) { self.handle->call([](Database& db) { db.checkpoint(); }); },
          "Folds the log of the open database file into the file.")
      .def_property_readonly(
          "in_transaction",
          [](DatabaseObject& self) {
            bool open = false;
            self.handle->call([&](Database& db) { open = db.inTransaction(); });
            return open;
          },
          "True between begin() and commit() or rollback().")
      .def(
          "interrupt", [](DatabaseObject& self) { self.handle->interrupt(); },
          "Cancels the statement running now (from another thread); it raises silkgraph.Cancelled.")
      .def(
          "close", [](DatabaseObject& self) { self.handle->close(); },
          "Frees the database; its results and later calls raise silkgraph.ArgumentError.")
      .def_property_readonly(
          "closed", [](const DatabaseObject& self) { return self.handle->closed(); },
          "True once close() has run.")
      .def_property_readonly(
          "threads", [](const DatabaseObject& self) { return self.handle->threads(); },
          "The threads a statement may use (the threads= it was opened with).")
      .def_property_readonly(
          "read_only", [](const DatabaseObject& self) { return self.handle->readOnly(); },
          "True when opened with read_only=True: writes, load() and save() are refused.")
      .def("__enter__", [](pyb::object self) { return self; })
      .def("__exit__",
           [](DatabaseObject& self, pyb::object, pyb::object, pyb::object) {
             self.handle->close();
             return false;
           })
      .def("__repr__", [](const DatabaseObject& self) {
        return std::string("<silkgraph.Database") + (self.handle->closed() ? " closed" : "") + ">";
      });
}

}  // namespace silkgraph::py

PYBIND11_MODULE(_native, m) {
  m.doc() = "The native part of the silkgraph package; import silkgraph instead.";
  silkgraph::py::registerErrorTranslator();
  silkgraph::py::rememberMainThread();
  silkgraph::py::bindResult(m);
  silkgraph::py::bindDatabase(m);
  m.def("_register_types", &silkgraph::py::registerTypes);
  m.def("_duration_text", [](int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
    return silkgraph::temporalText(
        silkgraph::Value(silkgraph::temporal::makeDuration(months, days, seconds, nanos)));
  });
}
