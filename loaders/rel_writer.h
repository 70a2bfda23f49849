// RelWriter: the second thread of a load (--threads 2 and more). While the loading thread
// reads, parses and checks relationship rows, this thread writes the checked ones into the
// graph (Graph::appendRel and the property columns), in batches handed over in file order,
// so relationship ids, the graph and every error are exactly those of a one-thread load.
//
// The loading thread fills current(), submit()s it when full (waiting while two batches are
// already queued), and drain()s before anything else touches the graph's write side (a new
// relationship type or property key, the commit) and before reporting a load error, so that
// an error of the writer (on an earlier row) wins. The writer stops at its first exception,
// which drain() and submit() rethrow in the loading thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/graph.h"
#include "loaders/staging.h"

namespace silkgraph::load {

class RelWriter {
 public:
  struct Rel {
    NodeId src, dst;
    TypeId type;
    uint32_t propBegin, propCount;
  };
  // Relationships as appendRel takes them, with copies of their texts (the loading thread
  // reuses its row buffer before the writer gets to a row) and boxed values.
  struct Batch {
    std::vector<Rel> rels;
    std::vector<RelProp> props;
    Arena text;
    std::vector<Value> boxed;
    void clear() {
      rels.clear();
      props.clear();
      text.clear();
      boxed.clear();
    }
  };
  using Apply = std::function<void(const Batch&)>;

  // Small enough for a batch to stay in the cores' caches (about 0.5 MB for SUPPLIES rows).
  static constexpr size_t kBatchRels = 4096;

  explicit RelWriter(Apply apply);
  ~RelWriter();  // stops the thread; batches not applied yet are dropped
  RelWriter(const RelWriter&) = delete;
  RelWriter& operator=(const RelWriter&) = delete;

  Batch& current() { return *current_; }
  // Queues the current batch (if not empty) and starts a new one; rethrows a writer error.
  void submit();
  // Submits the current batch and waits until every queued batch is applied.
  void drain();

 private:
  void run();
  void rethrow();

  Apply apply_;
  std::unique_ptr<Batch> current_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> queue_;  // submitted, in order
  std::vector<std::unique_ptr<Batch>> free_;  // applied, for reuse
  bool busy_ = false;                         // the writer is applying a batch
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: starts when everything above exists
};

}  // namespace silkgraph::load
