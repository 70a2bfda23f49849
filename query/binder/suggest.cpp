// Implements query/binder/suggest.h: Levenshtein distance over lower-cased names.
#include "query/binder/suggest.h"

#include <algorithm>
#include <cctype>

namespace silkgraph {

std::string closest(std::string_view name, const std::vector<std::string_view>& candidates) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  };
  std::string a = lower(name);
  std::string best;
  size_t bestDist = 3;
  std::vector<size_t> prev, cur;
  for (auto c : candidates) {
    std::string b = lower(c);
    prev.resize(b.size() + 1);
    cur.resize(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= b.size(); ++j)
        cur[j] =
            std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      std::swap(prev, cur);
    }
    if (prev[b.size()] < bestDist) {
      bestDist = prev[b.size()];
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace silkgraph
