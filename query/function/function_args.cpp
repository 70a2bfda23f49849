// Argument checks shared by the scalar functions (query/function/scalar_functions.h).
#include <cmath>

#include "engine/error.h"
#include "query/function/scalar_functions.h"
#include "query/function/value_ops.h"

namespace silkgraph::functions {

using T = Value::Type;

[[noreturn]] void argType(const char* fn, const Value& v) {
  throwRuntime(ErrorKind::TypeError,
               std::string(fn) + "() cannot take an argument of type " + cypherTypeName(v),
               "InvalidArgumentType");
}

int64_t intArg(const char* fn, const Value& v) {
  if (v.type() == T::Int) return v.asInt();
  if (v.type() == T::Float && v.asFloat() == std::floor(v.asFloat()))
    return static_cast<int64_t>(v.asFloat());
  argType(fn, v);
}

double numArg(const char* fn, const Value& v) {
  if (!v.isNumber()) argType(fn, v);
  return v.asNumber();
}

const std::string& strArg(const char* fn, const Value& v) {
  if (v.type() != T::String) argType(fn, v);
  return v.asString();
}

}  // namespace silkgraph::functions
