// Work shared out between a few threads of the engine's bulk passes (compaction, the
// adjacency sort): part p of `parts` runs on a thread of its own, part 0 on the caller's.
#pragma once

#include <cstddef>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace silkgraph {

// Runs part(p) for each p below `parts`, each on a thread of its own (part 0 on the caller's).
// When no more threads can be started, the caller runs the parts that have none.
template <typename Part>
void runParts(unsigned parts, const Part& part) {
  std::vector<std::thread> others;
  unsigned started = 1;
  try {
    for (; started < parts; ++started) others.emplace_back([&part, p = started] { part(p); });
  } catch (const std::system_error&) {  // no more threads: the caller does the rest
  }
  part(0);
  for (unsigned p = started; p < parts; ++p) part(p);
  for (std::thread& t : others) t.join();
}

// Part p of `parts` of the indexes [0, n).
inline std::pair<size_t, size_t> rangeOf(unsigned p, unsigned parts, size_t n) {
  return {n * p / parts, n * (p + 1) / parts};
}

}  // namespace silkgraph
