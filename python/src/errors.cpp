// Errors as Python exceptions: one class per ErrorKind under silkgraph.Error (defined in
// silkgraph/_errors.py), carrying the kind, line, column, caret excerpt and the message the
// shell prints for the same error.
#include "python/src/native.h"

namespace silkgraph::py {

namespace {

pyb::object classFor(ErrorKind kind) {
  try {
    return pythonType(errorKindName(kind));
  } catch (const std::runtime_error&) {
    return pyb::reinterpret_borrow<pyb::object>(PyExc_RuntimeError);
  }
}

[[noreturn]] void raise(ErrorKind kind, const std::string& message, const SourcePos& pos,
                        const std::string& caret, const std::string& detail,
                        const std::string& file) {
  pyb::object cls = classFor(kind);
  pyb::object exc = cls(message);
  exc.attr("kind") = pyb::str(errorKindName(kind));
  exc.attr("line") = pos.known() ? pyb::object(pyb::int_(pos.line)) : pyb::object(pyb::none());
  exc.attr("column") = pos.known() ? pyb::object(pyb::int_(pos.col)) : pyb::object(pyb::none());
  exc.attr("caret") = pyb::str(caret);
  exc.attr("detail") = detail.empty() ? pyb::object(pyb::none()) : pyb::object(pyb::str(detail));
  exc.attr("file") = file.empty() ? pyb::object(pyb::none()) : pyb::object(pyb::str(file));
  PyErr_SetObject(cls.ptr(), exc.ptr());
  throw pyb::error_already_set();
}

}  // namespace

void raiseError(const Error& e, std::string_view source) {
  // An excerpt starts with a newline; the attribute holds just the line and the caret.
  std::string caret = sourceExcerpt(source, e.pos());
  if (!caret.empty() && caret.front() == '\n') caret.erase(0, 1);
  raise(e.kind(), e.format(source), e.pos(), caret, e.detail(), e.file());
}

void raiseError(ErrorKind kind, const std::string& message) {
  raise(kind, std::string(errorKindName(kind)) + ": " + message, {}, "", "", "");
}

void registerErrorTranslator() {
  pyb::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      try {
        raiseError(e, {});
      } catch (pyb::error_already_set& set) {
        set.restore();
      }
    } catch (const std::bad_alloc&) {
      PyErr_SetString(PyExc_MemoryError, "silkgraph: out of memory");
    }
  });
}

}  // namespace silkgraph::py
