// Valid time: the days an entity's validity properties say it holds, written once for the
// view date of a statement (--as-of, ExecuteOptions::asOf), the functions validAt and
// validDuring, and the loaders. The rules (docs/time.md): `valid_from` and `valid_to` are
// inclusive days, either may be open (absent); `valid_precision` ('year', 'month' or 'day')
// says how precisely they are known, and a bound known to a year or a month stands for that
// whole period (valid_from from its first day, valid_to through its last); a date written
// as text (YYYY, YYYY-MM, YYYY-MM-DD) has the precision of its text. An entity with neither
// bound but an `as_of` date holds on that day (or that period) only. An entity with none of
// these always holds. Values of other types in these properties are ignored.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "engine/graph.h"
#include "engine/graph_view.h"
#include "engine/visibility_bits.h"

namespace silkgraph {

enum class DatePrecision : uint8_t { Day, Month, Year };

// The precision of a date's text: YYYY is Year, YYYY-MM Month, anything else Day.
DatePrecision precisionOfText(std::string_view text);
// The first and the last day of the period of precision p that holds d.
Date periodStart(Date d, DatePrecision p);
Date periodEnd(Date d, DatePrecision p);
// parseDate, taking the last day of a period written as YYYY or YYYY-MM (a `valid_to` in a
// file: "2022" holds through 2022-12-31).
bool parseDateEnd(std::string_view text, Date& out);

// Days since 1970-01-01, inclusive; an open end is the extreme value.
struct ValidInterval {
  int64_t from = std::numeric_limits<int64_t>::min();
  int64_t to = std::numeric_limits<int64_t>::max();
  bool contains(int64_t day) const { return from <= day && day <= to; }
  bool overlaps(int64_t a, int64_t b) const { return from <= b && a <= to; }
};

// The interval of an entity whose validity properties have these values (null: absent).
ValidInterval validInterval(const Value& from, const Value& to, const Value& asOf,
                            const Value& precision);

// The property keys of valid time, as the graph numbers them (kNoKey when no entity has one).
struct ValidityKeys {
  KeyId from = kNoKey, to = kNoKey, asOf = kNoKey, precision = kNoKey;
  explicit ValidityKeys(const Graph& g);
  bool any() const { return from != kNoKey || to != kNoKey || asOf != kNoKey; }
};

// The interval of node n or relationship r.
ValidInterval nodeInterval(const Graph& g, const ValidityKeys& k, NodeId n);
ValidInterval relInterval(const Graph& g, const ValidityKeys& k, RelId r);

// A statement's view date: which nodes and relationships it may see. A relationship is
// visible when its own interval and both of its ends are (so a path, a variable-length or
// shortest path and an algorithm's projection never step through a hidden node). The query engine
// keeps it only when the graph has validity properties at all (active()); otherwise it holds a null
// pointer, so a statement without a view date, or a graph without these properties, pays one
// pointer test per entity.
//
// A view that may cache (a statement that only reads, so the columns cannot change under it)
// answers from a bitmap once it has checked max(1024, count / 64) nodes or relationships
// directly (engine/visibility_bits.h): a query that expands a million relationships in
// adjacency order then pays one sequential pass over the date columns instead of two cache
// misses per relationship. The graph keeps the last bits built, so the next read statements
// with the same date and no write in between start with them.
class ValidView {
 public:
  ValidView(const Graph& g, Date day, bool cacheable = false);
  ValidView(const ValidView&) = delete;
  ValidView& operator=(const ValidView&) = delete;
  // Whether any node or relationship has a validity property: when not, the view hides
  // nothing and the engine does not consult it.
  bool active() const { return nodeKeys_ || relKeys_; }
  Date day() const { return day_; }

  bool node(NodeId n) const {
    if (!nodeKeys_) return true;
    if (const int bit = nodeBits_.lookup(n); bit >= 0) return bit;
    const bool visible = holds(graph_->view().nodeColumns(), n);
    if (cacheable_ && nodeBits_.countCheck(nodeThreshold_)) buildNodeBits();
    return visible;
  }
  bool relOwn(RelId r) const { return !relKeys_ || holds(graph_->view().relColumns(), r); }
  bool rel(RelId r) const {
    if (const int bit = relBits_.lookup(r); bit >= 0) return bit;
    const bool visible = relDirect(r);
    if (cacheable_ && relBits_.countCheck(relThreshold_)) buildRelBits();
    return visible;
  }
  // Whether the bitmaps are built (for tests).
  bool nodeBitsBuilt() const { return nodeBits_.built(); }
  bool relBitsBuilt() const { return relBits_.built(); }
  // Whether the view may cache (its statement only reads): what it shows cannot change.
  bool cacheable() const { return cacheable_; }

 private:
  bool relDirect(RelId r) const {
    if (!relOwn(r)) return false;
    if (!nodeKeys_) return true;
    const GraphView g = graph_->view();
    return node(g.relSources()[r]) && node(g.relTargets()[r]);
  }
  void buildNodeBits() const;
  void buildRelBits() const;
  // Hands the built bits to the graph for later statements with the same date.
  void publish() const;

  // Whether entity `id` of these columns (the node or the relationship columns) holds on the
  // view date. The common case, `valid_from` and `valid_to` stored as dates without a
  // `valid_precision`, reads the two date columns directly: two integer compares. Anything
  // else takes the general rule (holdsByRule, through validInterval).
  bool holds(std::span<const PropertyColumn> cols, uint32_t id) const {
    auto at = [&](KeyId k) -> const PropertyColumn* {
      return k < cols.size() && cols[k].has(id) ? &cols[k] : nullptr;
    };
    const PropertyColumn* from = at(keys_.from);
    const PropertyColumn* to = at(keys_.to);
    constexpr auto kDate = PropertyColumn::Kind::Date;
    if ((from || to) && (!from || from->kind() == kDate) && (!to || to->kind() == kDate) &&
        !at(keys_.precision)) {
      const int64_t day = day_.days;
      return (!from || static_cast<int32_t>(from->wordAt(id)) <= day) &&
             (!to || day <= static_cast<int32_t>(to->wordAt(id)));
    }
    return holdsByRule(cols, id);
  }
  bool holdsByRule(std::span<const PropertyColumn> cols, uint32_t id) const;
  // The visibility word of ids first .. first + count - 1 of these columns (bit i: first + i).
  uint64_t holdsWord(std::span<const PropertyColumn> cols, uint32_t first, unsigned count) const;

  const Graph* graph_;
  ValidityKeys keys_;
  Date day_;
  bool nodeKeys_ = false;  // some node column of a validity key has values
  bool relKeys_ = false;
  bool cacheable_ = false;
  uint64_t nodeThreshold_ = 0, relThreshold_ = 0;
  uint64_t writes_ = 0;  // the graph's write count when the view began (GraphImpl::writes)
  mutable VisibilityBits nodeBits_, relBits_;
};

}  // namespace silkgraph
