// Expression evaluator: computes a BoundExpr over a row (query/execution/context.h).
#include <algorithm>
#include <cmath>
#include <regex>
#include <string>
#include <unordered_map>

#include "query/execution/context.h"
#include "query/execution/prop_predicate.h"
#include "query/function/catalog.h"
#include "query/function/temporal_parts.h"
#include "query/function/value_ops.h"
#include "query/planner/match_program.h"

namespace silkgraph {
namespace {

using T = Value::Type;
using ast::Op;

[[noreturn]] void typeError(const std::string& msg) {
  throwRuntime(ErrorKind::TypeError, msg, "InvalidArgumentType");
}

const std::regex& cachedRegex(const std::string& pattern) {
  static thread_local std::unordered_map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it != cache.end()) return it->second;
  if (cache.size() > 256) cache.clear();
  try {
    return cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first->second;
  } catch (const std::regex_error& e) {
    throwRuntime(ErrorKind::ArgumentError, "invalid regular expression '" + pattern + "'",
                 "InvalidArgumentValue");
  }
}

Value evalBinary(const BoundExpr& e, Row& row, ExecContext& ctx) {
  switch (e.op) {
    case Op::And: {
      Tri a = truthOf(evaluate(*e.children[0], row, ctx), "AND");
      if (a == Tri::False) return Value(false);
      return triValue(triAnd(a, truthOf(evaluate(*e.children[1], row, ctx), "AND")));
    }
    case Op::Or: {
      Tri a = truthOf(evaluate(*e.children[0], row, ctx), "OR");
      if (a == Tri::True) return Value(true);
      return triValue(triOr(a, truthOf(evaluate(*e.children[1], row, ctx), "OR")));
    }
    case Op::Xor:
      return triValue(triXor(truthOf(evaluate(*e.children[0], row, ctx), "XOR"),
                             truthOf(evaluate(*e.children[1], row, ctx), "XOR")));
    default:
      break;
  }
  Value a = evaluate(*e.children[0], row, ctx);
  Value b = evaluate(*e.children[1], row, ctx);
  switch (e.op) {
    case Op::Eq:
    case Op::Neq:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return comparisonValue(e.op, a, b);
    case Op::Add:
      return arithAdd(a, b);
    case Op::Sub:
      return arithSub(a, b);
    case Op::Mul:
      return arithMul(a, b);
    case Op::Div:
      return arithDiv(a, b);
    case Op::Mod:
      return arithMod(a, b);
    case Op::Pow:
      return arithPow(a, b);
    case Op::In:
      return triValue(listContains(b, a));
    case Op::StartsWith:
    case Op::EndsWith:
    case Op::Contains: {
      if (a.type() != T::String || b.type() != T::String) return Value();
      const std::string& s = a.asString();
      const std::string& t = b.asString();
      if (e.op == Op::StartsWith)
        return Value(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
      if (e.op == Op::EndsWith)
        return Value(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
      return Value(s.find(t) != std::string::npos);
    }
    case Op::RegexMatch: {
      if (a.type() != T::String || b.type() != T::String) return Value();
      return Value(std::regex_match(a.asString(), cachedRegex(b.asString())));
    }
    default:
      break;
  }
  throwRuntime(ErrorKind::InternalError, "unknown binary operator");
}

int64_t normaliseIndex(int64_t i, size_t size) {
  return i < 0 ? i + static_cast<int64_t>(size) : i;
}

Value evalIndex(const Value& c, const Value& idx, ExecContext& ctx) {
  if (c.isNull() || idx.isNull()) return Value();
  if (c.type() == T::List) {
    if (idx.type() != T::Int)
      typeError(std::string("list index must be an Integer, got ") + cypherTypeName(idx));
    const auto& l = c.asList();
    int64_t i = normaliseIndex(idx.asInt(), l.size());
    if (i < 0 || i >= static_cast<int64_t>(l.size())) return Value();
    return l[static_cast<size_t>(i)];
  }
  if (c.type() == T::Map || c.type() == T::Node || c.type() == T::Rel) {
    if (idx.type() != T::String)
      typeError(std::string("map key must be a String, got ") + cypherTypeName(idx));
    if (c.type() == T::Map) {
      const Value* v = c.mapFind(idx.asString());
      return v ? *v : Value();
    }
    KeyId k = ctx.graph.keyId(idx.asString());
    if (k == kNoKey) return Value();
    return c.type() == T::Node ? ctx.graph.nodeProperty(c.asNode(), k)
                               : ctx.graph.relProperty(c.asRel(), k);
  }
  typeError(std::string("cannot index into a ") + cypherTypeName(c));
}

Value evalSlice(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value c = evaluate(*e.children[0], row, ctx);
  size_t next = 1;
  Value from = e.hasFrom ? evaluate(*e.children[next++], row, ctx) : Value();
  Value to = e.hasTo ? evaluate(*e.children[next++], row, ctx) : Value();
  if (c.isNull()) return Value();
  if ((e.hasFrom && from.isNull()) || (e.hasTo && to.isNull())) return Value();
  if (c.type() != T::List) typeError(std::string("cannot slice a ") + cypherTypeName(c));
  const auto& l = c.asList();
  int64_t n = static_cast<int64_t>(l.size());
  int64_t f = e.hasFrom ? normaliseIndex(from.asInt(), l.size()) : 0;
  int64_t t = e.hasTo ? normaliseIndex(to.asInt(), l.size()) : n;
  f = std::clamp<int64_t>(f, 0, n);
  t = std::clamp<int64_t>(t, 0, n);
  if (t <= f) return Value(ValueList{});
  return Value(ValueList(l.begin() + f, l.begin() + t));
}

Value evalCase(const BoundExpr& e, Row& row, ExecContext& ctx) {
  size_t i = 0;
  Value subject;
  if (e.hasSubject) subject = evaluate(*e.children[i++], row, ctx);
  size_t end = e.children.size() - (e.hasElse ? 1 : 0);
  for (; i + 1 < end + 1 && i < end; i += 2) {
    Value w = evaluate(*e.children[i], row, ctx);
    bool hit =
        e.hasSubject ? cypherEquals(subject, w) == Tri::True : (w.type() == T::Bool && w.asBool());
    if (hit) return evaluate(*e.children[i + 1], row, ctx);
  }
  if (e.hasElse) return evaluate(*e.children.back(), row, ctx);
  return Value();
}

const ValueList* listArg(const Value& v, const char* what) {
  if (v.isNull()) return nullptr;
  if (v.type() != T::List)
    typeError(std::string(what) + " expects a List, got " + cypherTypeName(v));
  return &v.asList();
}

Value evalComprehension(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value listV = evaluate(*e.children[0], row, ctx);
  const ValueList* list = listArg(listV, "list comprehension");
  if (!list) return Value();
  ValueList out;
  for (const auto& x : *list) {
    ctx.poll();
    row[e.slot] = x;
    if (e.where && !evaluatePredicate(*e.where, row, ctx)) continue;
    out.push_back(e.projection ? evaluate(*e.projection, row, ctx) : x);
  }
  return Value(std::move(out));
}

Value evalQuantifier(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value listV = evaluate(*e.children[0], row, ctx);
  const ValueList* list = listArg(listV, "quantifier");
  if (!list) return Value();
  size_t trues = 0;
  bool sawNull = false;
  for (const auto& x : *list) {
    ctx.poll();
    row[e.slot] = x;
    Tri t = e.where ? truthOf(evaluate(*e.where, row, ctx), "WHERE") : Tri::True;
    if (t == Tri::True) ++trues;
    if (t == Tri::Null) sawNull = true;
    if (e.op == Op::Any && t == Tri::True) return Value(true);
    if (e.op == Op::All && t == Tri::False) return Value(false);
    if (e.op == Op::None && t == Tri::True) return Value(false);
  }
  switch (e.op) {
    case Op::All:
      return sawNull ? Value() : Value(true);
    case Op::Any:
      return sawNull ? Value() : Value(false);
    case Op::None:
      return sawNull ? Value() : Value(true);
    case Op::Single:
      if (trues > 1) return Value(false);
      if (sawNull) return Value();
      return Value(trues == 1);
    default:
      return Value();
  }
}

Value evalReduce(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value acc = evaluate(*e.children[0], row, ctx);
  Value listV = evaluate(*e.children[1], row, ctx);
  const ValueList* list = listArg(listV, "reduce");
  if (!list) return Value();
  for (const auto& x : *list) {
    ctx.poll();
    row[e.slot] = acc;
    row[e.slot2] = x;
    acc = evaluate(*e.children[2], row, ctx);
  }
  return acc;
}

Value evalLabelCheck(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value v = evaluate(*e.children[0], row, ctx);
  if (v.isNull()) return Value();
  if (v.type() == T::Rel) {
    // r:TYPE checks the relationship type.
    const std::string& t = ctx.graph.typeName(ctx.graph.relType(v.asRel()));
    return Value(std::all_of(e.labels.begin(), e.labels.end(),
                             [&](const std::string& l) { return l == t; }));
  }
  if (v.type() != T::Node)
    typeError(std::string("label check expects a Node, got ") + cypherTypeName(v));
  for (const auto& l : e.labels) {
    LabelId id = ctx.graph.labelId(l);
    if (id == kNoLabel || !ctx.graph.hasLabel(v.asNode(), id)) return Value(false);
  }
  return Value(true);
}

Value evalMapProjection(const BoundExpr& e, Row& row, ExecContext& ctx) {
  const Value& base = row[e.slot];
  if (base.isNull()) return Value();
  ValueMap m;
  auto put = [&](const std::string& k, Value v) {
    for (auto& [key, val] : m) {
      if (key == k) {
        val = std::move(v);
        return;
      }
    }
    m.emplace_back(k, std::move(v));
  };
  auto allProps = [&]() {
    if (base.type() == T::Node) {
      ctx.graph.forEachNodeProperty(base.asNode(),
                                    [&](KeyId k, const Value& v) { put(ctx.graph.keyName(k), v); });
    } else if (base.type() == T::Rel) {
      ctx.graph.forEachRelProperty(base.asRel(),
                                   [&](KeyId k, const Value& v) { put(ctx.graph.keyName(k), v); });
    } else if (base.type() == T::Map) {
      for (const auto& [k, v] : base.asMap()) put(k, v);
    } else {
      typeError(std::string("map projection expects a Node, Relationship or Map, got ") +
                cypherTypeName(base));
    }
  };
  for (const auto& item : e.mapItems) {
    switch (item.kind) {
      case ast::MapProjectionItem::Kind::AllProperties:
        allProps();
        break;
      case ast::MapProjectionItem::Kind::Property: {
        BoundExpr probe(BExprKind::Property, e.pos);
        probe.name = item.key;
        put(item.key, propertyOf(base, probe, ctx));
        break;
      }
      case ast::MapProjectionItem::Kind::Literal:
      case ast::MapProjectionItem::Kind::Variable:
        put(item.key, evaluate(*item.expr, row, ctx));
        break;
    }
  }
  return Value(std::move(m));
}

}  // namespace

Value propertyOf(const Value& v, const BoundExpr& e, ExecContext& ctx) {
  switch (v.type()) {
    case T::Null:
      return Value();
    case T::Map: {
      const Value* x = v.mapFind(e.name);
      return x ? *x : Value();
    }
    case T::Node:
    case T::Rel: {
      // A deleted entity is an error even for a key no entity has.
      if (v.type() == T::Node ? !ctx.graph.nodeExists(v.asNode()) : !ctx.graph.relExists(v.asRel()))
        throwRuntime(ErrorKind::EntityNotFound,
                     v.type() == T::Node ? "the node was deleted" : "the relationship was deleted",
                     "DeletedEntityAccess");
      if (e.keyCache == kNoKey) {
        e.keyCache = ctx.graph.keyId(e.name);
        if (e.keyCache == kNoKey) return Value();
      }
      if (v.type() == T::Node) return ctx.graph.nodeProperty(v.asNode(), e.keyCache);
      return ctx.graph.relProperty(v.asRel(), e.keyCache);
    }
    case T::Date:
    case T::LocalTime:
    case T::Time:
    case T::LocalDateTime:
    case T::DateTime:
    case T::Duration:
      return functions::temporalComponent(v, e.name);
    default:
      typeError(std::string("cannot read property '") + e.name + "' of a " + cypherTypeName(v));
  }
}

namespace {

Value evaluateExpr(const BoundExpr& e, Row& row, ExecContext& ctx) {
  switch (e.kind) {
    case BExprKind::Literal:
      return e.value;
    case BExprKind::Slot:
    case BExprKind::AggregateRef:
      return row[e.slot];
    case BExprKind::Property:
      if (e.children[0]->kind == BExprKind::Slot)
        return propertyOf(row[e.children[0]->slot], e, ctx);
      return propertyOf(evaluate(*e.children[0], row, ctx), e, ctx);
    case BExprKind::ListLiteral: {
      ValueList l;
      l.reserve(e.children.size());
      for (const auto& c : e.children) l.push_back(evaluate(*c, row, ctx));
      return Value(std::move(l));
    }
    case BExprKind::MapLiteral: {
      ValueMap m;
      m.reserve(e.children.size());
      for (size_t i = 0; i < e.children.size(); ++i)
        m.emplace_back(e.keys[i], evaluate(*e.children[i], row, ctx));
      return Value(std::move(m));
    }
    case BExprKind::Unary: {
      Value a = evaluate(*e.children[0], row, ctx);
      switch (e.op) {
        case Op::Not:
          return triValue(triNot(truthOf(a, "NOT")));
        case Op::Negate:
          return arithNeg(a);
        case Op::Plus:
          if (!a.isNull() && !a.isNumber())
            typeError(std::string("cannot apply unary '+' to ") + cypherTypeName(a));
          return a;
        case Op::IsNull:
          return Value(a.isNull());
        case Op::IsNotNull:
          return Value(!a.isNull());
        default:
          throwRuntime(ErrorKind::InternalError, "unknown unary operator");
      }
    }
    case BExprKind::Binary:
      return evalBinary(e, row, ctx);
    case BExprKind::Function: {
      // Arguments on the stack (no allocation per row) for the usual handful; a heap vector
      // only for long variadic calls such as coalesce(a, b, c, d, e, ...).
      constexpr size_t kInline = 4;
      const size_t n = e.children.size();
      if (n <= kInline) {
        Value args[kInline];
        for (size_t i = 0; i < n; ++i) args[i] = evaluate(*e.children[i], row, ctx);
        return e.function->fn(std::span<const Value>(args, n), ctx.graph);
      }
      std::vector<Value> args;
      args.reserve(n);
      for (const auto& c : e.children) args.push_back(evaluate(*c, row, ctx));
      return e.function->fn(args, ctx.graph);
    }
    case BExprKind::Case:
      return evalCase(e, row, ctx);
    case BExprKind::ListComprehension:
      return evalComprehension(e, row, ctx);
    case BExprKind::Quantifier:
      return evalQuantifier(e, row, ctx);
    case BExprKind::Reduce:
      return evalReduce(e, row, ctx);
    case BExprKind::PatternExists: {
      bool found = false;
      Row scratch = row;
      runMatch(*e.program, scratch, ctx, [&](Row&) {
        found = true;
        return false;
      });
      return Value(found);
    }
    case BExprKind::PatternComprehension: {
      ValueList out;
      Row scratch = row;
      runMatch(*e.program, scratch, ctx, [&](Row& r) {
        if (e.where && !evaluatePredicate(*e.where, r, ctx)) return true;
        out.push_back(evaluate(*e.projection, r, ctx));
        return true;
      });
      return Value(std::move(out));
    }
    case BExprKind::Index:
      return evalIndex(evaluate(*e.children[0], row, ctx), evaluate(*e.children[1], row, ctx), ctx);
    case BExprKind::Slice:
      return evalSlice(e, row, ctx);
    case BExprKind::LabelCheck:
      return evalLabelCheck(e, row, ctx);
    case BExprKind::MapProjection:
      return evalMapProjection(e, row, ctx);
  }
  throwRuntime(ErrorKind::InternalError, "unknown expression");
}

}  // namespace

Value evaluate(const BoundExpr& e, Row& row, ExecContext& ctx) {
  // A run-time error names the innermost expression that raised it (the first handler to see
  // it); the happy path pays nothing for the handler.
  try {
    return evaluateExpr(e, row, ctx);
  } catch (Error& err) {
    // Ctrl-C and the timeout stop the statement, wherever they land: no expression's place.
    if (err.kind() != ErrorKind::Cancelled) err.placeAt(e.pos);
    throw;
  }
}

bool evaluatePredicate(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value v = evaluate(e, row, ctx);
  return truthOf(v, "WHERE") == Tri::True;
}

}  // namespace silkgraph
