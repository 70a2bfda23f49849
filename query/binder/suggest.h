// "Did you mean ...?" hints for misspelt names: variables, functions, labels, types, keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace silkgraph {

// The candidate closest to `name` (case-insensitive edit distance at most 2), or "".
std::string closest(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace silkgraph
