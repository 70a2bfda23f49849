// functionDescription: one sentence on what a function of the query language does, for
// dbms.functions() (procedures/catalog.cpp); the table is function_descriptions.cpp.
#pragma once

#include <string_view>

namespace silkgraph {

// The description of the function of that name (case-insensitive), nullptr if there is none.
const char* functionDescription(std::string_view name);

}  // namespace silkgraph
