// Implements ReadyPredicate and the comparison operators (query/execution/prop_predicate.h).
#include "query/execution/prop_predicate.h"

#include <cmath>

#include "query/function/value_ops.h"

namespace silkgraph {

using T = Value::Type;

Value comparisonValue(ast::Op op, const Value& a, const Value& b) {
  switch (op) {
    case ast::Op::Eq:
      return triValue(cypherEquals(a, b));
    case ast::Op::Neq:
      return triValue(triNot(cypherEquals(a, b)));
    case ast::Op::Lt:
    case ast::Op::Le:
    case ast::Op::Gt:
    case ast::Op::Ge: {
      if (a.isNumber() && b.isNumber() &&
          ((a.type() == T::Float && std::isnan(a.asFloat())) ||
           (b.type() == T::Float && std::isnan(b.asFloat()))))
        return Value(false);
      int c;
      if (!cypherCompare(a, b, c)) return Value();
      bool r = op == ast::Op::Lt   ? c < 0
               : op == ast::Op::Le ? c <= 0
               : op == ast::Op::Gt ? c > 0
                                   : c >= 0;
      return Value(r);
    }
    default:
      throwRuntime(ErrorKind::InternalError, "not a comparison operator");
  }
}

void ReadyPredicate::prepare(const PropPredicate& p, Row& row, ExecContext& ctx) {
  const GraphView g = ctx.graph.view();
  target_ = p.target;
  op_ = p.op;
  rel_ = p.target == PropPredicate::Target::Rel;
  key_ = ctx.graph.keyId(p.key);
  mode_ = Mode::Generic;
  if (op_ == ast::Op::IsNull || op_ == ast::Op::IsNotNull) {
    mode_ = Mode::Presence;
    return;
  }
  value_ = evaluate(*p.value, row, ctx);
  if (value_.isNull()) {
    mode_ = Mode::Never;  // a comparison with null is null
    return;
  }
  std::span<const PropertyColumn> cols = rel_ ? g.relColumns() : g.nodeColumns();
  if (key_ >= cols.size()) return;
  kind_ = cols[key_].kind();
  switch (kind_) {
    case PropertyColumn::Kind::String:
      if (value_.type() == T::String && (op_ == ast::Op::Eq || op_ == ast::Op::Neq)) {
        mode_ = Mode::Word;
        word_ = g.strings().find(value_.asString());
        dictSize_ = g.strings().size();
      }
      break;
    case PropertyColumn::Kind::Int32:
    case PropertyColumn::Kind::Int64:
      if (value_.type() == T::Int) {
        mode_ = Mode::Int;
        int_ = value_.asInt();
      }
      break;
    case PropertyColumn::Kind::Date:
      if (value_.type() == T::Date) {
        mode_ = Mode::Date;
        int_ = value_.asDate().days;
      }
      break;
    case PropertyColumn::Kind::Float:
      if (value_.type() == T::Float) {
        mode_ = Mode::Float;
        float_ = value_.asFloat();
      }
      break;
    default:
      break;
  }
}

bool ReadyPredicate::holdsGeneric(GraphView g, const PropertyColumn& c, uint32_t id) const {
  Value v = c.get(id, g.strings());
  Value r = comparisonValue(op_, v, value_);
  return r.type() == T::Bool && r.asBool();
}

}  // namespace silkgraph
