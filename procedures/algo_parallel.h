// The statement's threads (ProcedureContext::threads) for an algorithm's work: runParts runs
// one function per part, the first on the calling thread and each other on a thread of its
// own, and returns when all have finished.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

#include "query/procedure/procedure.h"

namespace silkgraph::algo {

// How many parts to split `items` pieces of work into: the statement's threads, but never
// fewer than `least` items a part.
inline unsigned partsFor(const ProcedureContext& ctx, size_t items, size_t least) {
  const size_t most = std::max<size_t>(1, items / std::max<size_t>(1, least));
  return static_cast<unsigned>(std::min<size_t>(std::max(1u, ctx.threads), most));
}

// Calls f(part, context) for part 0..parts-1, each part with its own copy of ctx (poll()
// counts per copy). An error thrown by a part (a cancelled query) is rethrown here once every
// part has finished: the first in part order.
template <class F>
void runParts(unsigned parts, ProcedureContext& ctx, F&& f) {
  if (parts <= 1) {
    f(0u, ctx);
    return;
  }
  std::vector<std::exception_ptr> errors(parts);
  auto body = [&](unsigned part) noexcept {
    ProcedureContext local = ctx;
    try {
      f(part, local);
    } catch (...) {
      errors[part] = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  struct JoinAll {  // also when starting a thread fails part-way
    std::vector<std::thread>& threads;
    ~JoinAll() {
      for (auto& t : threads)
        if (t.joinable()) t.join();
    }
  } joinAll{helpers};
  helpers.reserve(parts - 1);
  for (unsigned t = 1; t < parts; ++t) helpers.emplace_back(body, t);
  body(0);
  for (auto& h : helpers) h.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace silkgraph::algo
