// Date functions: date, year.
#include "engine/error.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

Value fnDate(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Date) return v;
  if (v.type() == T::String) {
    Date d;
    if (!parseDate(v.asString(), d))
      throwRuntime(ErrorKind::ArgumentError,
                   "date() expects an existing calendar date as 'YYYY-MM-DD' (or 'YYYY-MM', "
                   "'YYYY'), got '" +
                       v.asString() + "'",
                   "InvalidArgumentValue");
    return Value(d);
  }
  if (v.type() == T::Map) {
    const Value* y = v.mapFind("year");
    const Value* m = v.mapFind("month");
    const Value* dd = v.mapFind("day");
    if (!y || y->type() != T::Int)
      throwRuntime(ErrorKind::ArgumentError, "date({...}) needs an integer year",
                   "InvalidArgumentValue");
    int64_t mo = m && m->type() == T::Int ? m->asInt() : 1;
    int64_t da = dd && dd->type() == T::Int ? dd->asInt() : 1;
    if (mo < 1 || mo > 12 || da < 1 || da > 31)
      throwRuntime(ErrorKind::ArgumentError, "date({...}) got an impossible date",
                   "InvalidArgumentValue");
    Date d = dateFromYmd(static_cast<int>(y->asInt()), static_cast<unsigned>(mo),
                         static_cast<unsigned>(da));
    int yy;
    unsigned mm, ddd;
    dateToYmd(d, yy, mm, ddd);
    if (mm != mo || ddd != da)
      throwRuntime(ErrorKind::ArgumentError, "date({...}) got an impossible date",
                   "InvalidArgumentValue");
    return Value(d);
  }
  argType("date", v);
}

Value fnYear(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Date) argType("year", a[0]);
  int y;
  unsigned m, d;
  dateToYmd(a[0].asDate(), y, m, d);
  return Value(static_cast<int64_t>(y));
}

}  // namespace silkgraph::functions
