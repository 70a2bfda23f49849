// Property predicates checked on the property columns: the WHERE conjuncts and pattern
// properties the planner pushed into a scan or an expansion (PropPredicate in
// query/planner/match_program.h). A predicate is made ready once per run of its step (value
// evaluated, key resolved, string constant looked up in the dictionary) and then tested per
// candidate relationship or node on the typed column, without building a Value where the
// column's kind allows it; the result is the one evaluating the conjunct would give.
#pragma once

#include <cstdint>

#include "engine/graph.h"
#include "query/execution/context.h"
#include "query/planner/match_program.h"

namespace silkgraph {

// Cypher's =, <>, <, <=, >, >= on two values (null when incomparable), as in a WHERE clause.
Value comparisonValue(ast::Op op, const Value& a, const Value& b);

class ReadyPredicate {
 public:
  // Evaluates the value side over the row (its variables are bound before the step) and
  // resolves the property key.
  void prepare(const PropPredicate& p, Row& row, ExecContext& ctx);
  PropPredicate::Target target() const { return target_; }
  ast::Op op() const { return op_; }
  KeyId key() const { return key_; }
  const Value& value() const { return value_; }  // after prepare (null for IS [NOT] NULL)

  // True when the predicate holds for the relationship or node `id`.
  bool holds(GraphView g, uint32_t id) const {
    std::span<const PropertyColumn> cols = rel_ ? g.relColumns() : g.nodeColumns();
    if (key_ >= cols.size()) return op_ == ast::Op::IsNull;
    const PropertyColumn& c = cols[key_];
    if (!c.has(id)) return op_ == ast::Op::IsNull;
    switch (mode_) {
      case Mode::Presence:
        return op_ == ast::Op::IsNotNull;
      case Mode::Never:
        return false;
      case Mode::Word:
        // A string absent from the dictionary when prepared equals no stored string, unless
        // it has been stored since.
        if (c.kind() == kind_ &&
            (word_ != StringDictionary::kAbsent || g.strings().size() == dictSize_)) {
          bool eq = c.wordAt(id) == word_;
          return op_ == ast::Op::Eq ? eq : !eq;
        }
        break;
      case Mode::Int:
        if (c.kind() == PropertyColumn::Kind::Int32 || c.kind() == PropertyColumn::Kind::Int64)
          return orderHolds(c.intAt(id), int_);
        break;
      case Mode::Date:
        if (c.kind() == PropertyColumn::Kind::Date)
          return orderHolds(static_cast<int32_t>(c.wordAt(id)), int_);
        break;
      case Mode::Float:
        if (c.kind() == PropertyColumn::Kind::Float) {
          double v = c.floatAt(id);
          switch (op_) {
            case ast::Op::Eq:
              return v == float_;
            case ast::Op::Neq:
              return v != float_;
            case ast::Op::Lt:
              return v < float_;
            case ast::Op::Le:
              return v <= float_;
            case ast::Op::Gt:
              return v > float_;
            case ast::Op::Ge:
              return v >= float_;
            default:
              break;
          }
        }
        break;
      case Mode::Generic:
        break;
    }
    return holdsGeneric(g, c, id);
  }

 private:
  enum class Mode : uint8_t { Generic, Presence, Never, Word, Int, Date, Float };

  template <typename I>
  bool orderHolds(I v, int64_t w) const {
    int64_t x = static_cast<int64_t>(v);
    switch (op_) {
      case ast::Op::Eq:
        return x == w;
      case ast::Op::Neq:
        return x != w;
      case ast::Op::Lt:
        return x < w;
      case ast::Op::Le:
        return x <= w;
      case ast::Op::Gt:
        return x > w;
      case ast::Op::Ge:
        return x >= w;
      default:
        return false;
    }
  }
  bool holdsGeneric(GraphView g, const PropertyColumn& c, uint32_t id) const;

  PropPredicate::Target target_ = PropPredicate::Target::Rel;
  ast::Op op_ = ast::Op::Eq;
  bool rel_ = true;
  Mode mode_ = Mode::Generic;
  PropertyColumn::Kind kind_ = PropertyColumn::Kind::Empty;
  KeyId key_ = kNoKey;
  uint32_t word_ = 0;
  size_t dictSize_ = 0;
  int64_t int_ = 0;
  double float_ = 0;
  Value value_;
};

}  // namespace silkgraph
