// What a statement gives back: its parameters going in (Params), and its columns, rows,
// update counts and plan text coming out (QueryResult). Shared by the stages and the
// embedding API (main/database.h) without either including the other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "common/shared_string.h"
#include "engine/value.h"

namespace silkgraph {

using Params = std::map<std::string, Value, std::less<>>;

struct QueryStats {
  int64_t nodesCreated = 0;
  int64_t nodesDeleted = 0;
  int64_t relsCreated = 0;
  int64_t relsDeleted = 0;
  int64_t labelsAdded = 0;
  int64_t labelsRemoved = 0;
  int64_t propertiesSet = 0;
  // Index and constraint commands (not data updates, as in Neo4j's counters).
  int64_t indexesAdded = 0;
  int64_t indexesRemoved = 0;
  int64_t constraintsAdded = 0;
  int64_t constraintsRemoved = 0;
  bool containsUpdates() const {
    return nodesCreated || nodesDeleted || relsCreated || relsDeleted || labelsAdded ||
           labelsRemoved || propertiesSet;
  }
};

// Receives the result rows of a streaming statement one at a time, as the executor produces
// them; the callee may take the values. Returns false when it wants no more rows (the rest is
// not computed).
using ResultSink = std::function<bool(std::vector<Value>& row)>;

// An input iterator over the positions 0 .. size() of a list read through operator[] (the
// lists below, whose elements are made or shared when read).
template <typename Owner, typename Ref>
class IndexIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = std::remove_cvref_t<Ref>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = Ref;
  IndexIterator(const Owner* owner, size_t i) : owner_(owner), i_(i) {}
  Ref operator*() const { return (*owner_)[i_]; }
  IndexIterator& operator++() {
    ++i_;
    return *this;
  }
  bool operator!=(const IndexIterator& o) const { return i_ != o.i_; }
  bool operator==(const IndexIterator& o) const { return i_ == o.i_; }

 private:
  const Owner* owner_;
  size_t i_;
};

// --why (ExecuteOptions::why, docs/provenance.md): the citations each row rests on, numbered
// for the whole result, and the conflicting facts among them.
struct Provenance {
  // Two facts (relationships) with the same start node, type and end node, for overlapping
  // periods, that agree on what they describe but not on its numbers.
  struct Conflict {
    // Shared with the whole-graph table that described them (query/execution/why_table.h).
    SharedString subject;                      // "(CHN)-[:SUPPLIES]->(KOR) 2022-01-01..2022-01-01"
    SharedString claimA, claimB;               // "share_pct 61.2", "share_pct 50"
    std::vector<uint32_t> sourcesA, sourcesB;  // their citations' numbers in `sources`
  };
  // The conflicts, held or made when read: a result that rests on tens of thousands of
  // conflicts refers to the whole-graph table's descriptions of them (and its summaries of
  // adjacency rows) instead of copying each (query/execution/why_conflicts.h).
  class ConflictList {
   public:
    // Conflicts made when read; the source keeps alive what it refers to.
    struct Source {
      virtual ~Source() = default;
      virtual size_t size() const = 0;
      virtual Conflict at(size_t i) const = 0;
    };
    size_t size() const { return source_ ? source_->size() : held_.size(); }
    bool empty() const { return size() == 0; }
    Conflict operator[](size_t i) const { return source_ ? source_->at(i) : held_[i]; }
    void push_back(Conflict c) { held_.push_back(std::move(c)); }
    // From now on the list is `source`'s (what was held is dropped).
    void setSource(std::shared_ptr<const Source> source) {
      held_.clear();
      source_ = std::move(source);
    }
    using Iterator = IndexIterator<ConflictList, Conflict>;
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

   private:
    std::vector<Conflict> held_;
    std::shared_ptr<const Source> source_;
  };
  // Per row, a list of numbers, ascending; rows with the same list may share it (a result
  // whose rows all cite the same sources holds their numbers once, not once per row).
  class RowLists {
   public:
    using List = std::vector<uint32_t>;
    size_t size() const { return row_.size(); }
    bool empty() const { return row_.empty(); }
    const List& operator[](size_t i) const { return lists_[row_[i]]; }
    // A row with a list of its own.
    void push_back(List list) {
      row_.push_back(static_cast<uint32_t>(lists_.size()));
      lists_.push_back(std::move(list));
    }
    // A row with the list of the row before it (which must exist).
    void pushSame() { row_.push_back(row_.back()); }
    void reserve(size_t rows) { row_.reserve(rows); }
    // As many rows as `rows`: those added have no numbers.
    void resize(size_t rows) {
      if (rows > row_.size()) {
        row_.resize(rows, static_cast<uint32_t>(lists_.size()));
        lists_.emplace_back();
      } else {
        row_.resize(rows);
      }
    }
    // How many lists the rows share among them.
    size_t distinct() const { return lists_.size(); }
    bool operator==(const RowLists& o) const {
      if (size() != o.size()) return false;
      for (size_t i = 0; i < size(); ++i)
        if ((*this)[i] != o[i]) return false;
      return true;
    }
    using Iterator = IndexIterator<RowLists, const List&>;
    using iterator = Iterator;
    using const_iterator = Iterator;
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

   private:
    std::vector<List> lists_;
    std::vector<uint32_t> row_;  // per row: its list in lists_
  };
  std::vector<std::string> sources;                 // citation k is sources[k - 1]
  ConflictList conflicts;                           // conflict k is conflicts[k - 1]
  RowLists rowSources;                              // per row: citation numbers, ascending
  std::vector<std::vector<uint32_t>> rowConflicts;  // per row: conflict numbers, ascending
};

struct QueryResult {
  // The column names. A name reads as a const std::string; copies of a result share the
  // characters (a column without an alias is named by its expression's text, which may be as
  // long as the query: issue 10, D10).
  std::vector<SharedString> columns;
  std::vector<std::vector<Value>> rows;
  QueryStats stats;
  bool explain = false;  // EXPLAIN: no rows, `plan` holds the plan text
  std::string plan;
  double elapsedMs = 0;
  bool why = false;  // run with --why: `provenance` has one entry per row
  Provenance provenance;
};

}  // namespace silkgraph
