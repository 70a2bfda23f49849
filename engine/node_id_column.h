// NodeIdColumn: a node id per relationship (the relationships' sources or targets), in 16
// bits while every id stored fits and in 32 bits from the first one that does not (one copy),
// so a graph of few nodes and many relationships (nations trading) pays 2 bytes per end.
// NodeIds is the read-only view the query engine gets (GraphView::relSources/relTargets).
// The compressed rows' other ends (CsrGraph::m_column) are NodeIdColumns too, their width
// chosen by compact() from the number of nodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "engine/mapped_array.h"
#include "engine/permute_range.h"
#include "engine/value.h"

namespace silkgraph {

class NodeIds {
 public:
  NodeIds() = default;
  NodeIds(const uint16_t* narrow, const NodeId* wide, size_t size)
      : narrow_(narrow), wide_(wide), size_(size) {}
  // The width test is the same for every index of a column (a predicted branch).
  NodeId operator[](size_t i) const { return wide_ ? wide_[i] : narrow_[i]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool wide() const { return wide_ != nullptr; }

 private:
  const uint16_t* narrow_ = nullptr;
  const NodeId* wide_ = nullptr;
  size_t size_ = 0;
};

class NodeIdColumn {
 public:
  NodeId operator[](size_t i) const { return wide_ ? w32_[i] : w16_[i]; }
  NodeIds view() const {
    return wide_ ? NodeIds(nullptr, w32_.data(), w32_.size())
                 : NodeIds(w16_.data(), nullptr, w16_.size());
  }
  size_t size() const { return wide_ ? w32_.size() : w16_.size(); }
  bool empty() const { return size() == 0; }
  size_t capacity() const { return wide_ ? w32_.capacity() : w16_.capacity(); }
  bool wide() const { return wide_; }
  size_t bytes() const {
    return w16_.capacity() * sizeof(uint16_t) + w32_.capacity() * sizeof(NodeId);
  }

  void push_back(NodeId v) {
    if (!wide_ && v > UINT16_MAX) widen();
    if (wide_) {
      w32_.push_back(v);
    } else {
      w16_.push_back(static_cast<uint16_t>(v));
    }
  }
  void set(size_t i, NodeId v) {
    if (!wide_ && v > UINT16_MAX) widen();
    if (wide_) {
      w32_[i] = v;
    } else {
      w16_[i] = static_cast<uint16_t>(v);
    }
  }
  void reserve(size_t n) {
    if (wide_) {
      w32_.reserve(n);
    } else {
      w16_.reserve(n);
    }
  }
  // n ids, not written here, in the width that holds every id below idLimit (a compressed
  // row's other ends, each set once, in place, by several threads at once: set() must never
  // widen there). The fresh pages are first touched by the threads that fill them.
  void resizeForOverwrite(size_t n, size_t idLimit) {
    MappedArray<uint16_t>().swap(w16_);
    MappedArray<NodeId>().swap(w32_);
    wide_ = idLimit > size_t{UINT16_MAX} + 1;
    if (wide_) {
      w32_.resizeForOverwrite(n);
    } else {
      w16_.resizeForOverwrite(n);
    }
  }
  // The same ids, whatever the widths.
  friend bool operator==(const NodeIdColumn& a, const NodeIdColumn& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  // Shrinking only (rollback): new slots would need a value.
  // The i-th id of `slots` takes what the from[i]-th held (engine/permute_range.h).
  void permute(const IdSlots& slots, std::span<const uint32_t> from) {
    if (wide_) {
      permuteSlots<NodeId>(w32_, slots, from);
    } else {
      permuteSlots<uint16_t>(w16_, slots, from);
    }
  }
  void truncate(size_t n) {
    if (n >= size()) return;
    if (wide_) {
      w32_.resize(n);
    } else {
      w16_.resize(n);
    }
  }
  void shrinkIfWasteful() {
    MappedArray<uint16_t>& a16 = w16_;
    MappedArray<NodeId>& a32 = w32_;
    if (a16.capacity() - a16.size() > a16.size() / 8) a16.shrink_to_fit();
    if (a32.capacity() - a32.size() > a32.size() / 8) a32.shrink_to_fit();
  }

  // The arrays for the database file (one of them is empty) and their restoring.
  const MappedArray<uint16_t>& narrowWords() const { return w16_; }
  const MappedArray<NodeId>& wideWords() const { return w32_; }
  void restore(MappedArray<uint16_t> narrow, MappedArray<NodeId> wide, bool isWide) {
    w16_ = std::move(narrow);
    w32_ = std::move(wide);
    wide_ = isWide;
  }

  // Back to 16 bits when every id fits (compact(): a column read from a file of format
  // version 6 or older, or one whose large ids were rolled back). A graph that needs 32 bits
  // shows it at once: the scan stops at the first large id.
  void narrowIfFits() {
    if (!wide_) return;
    for (NodeId v : w32_)
      if (v > UINT16_MAX) return;
    MappedArray<uint16_t> n(w32_.size());
    for (size_t i = 0; i < w32_.size(); ++i) n[i] = static_cast<uint16_t>(w32_[i]);
    w16_ = std::move(n);
    MappedArray<NodeId>().swap(w32_);
    wide_ = false;
  }
  // The whole column in 32 bits (done by the first id above 65535).
  void widen() {
    if (wide_) return;
    MappedArray<NodeId> w;
    w.reserve(w16_.capacity());
    w.resize(w16_.size());
    for (size_t i = 0; i < w16_.size(); ++i) w[i] = w16_[i];
    w32_ = std::move(w);
    MappedArray<uint16_t>().swap(w16_);
    wide_ = true;
  }

 private:
  MappedArray<uint16_t> w16_;
  MappedArray<NodeId> w32_;
  bool wide_ = false;
};

}  // namespace silkgraph
