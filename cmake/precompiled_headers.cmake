# Precompiled headers (SILKGRAPH_PCH): most of a translation unit's compile time is spent
# parsing the standard library and the engine's headers (clang -ftime-trace of a 60-line
# operator: 85 % front end). A library with many sources parses them once, as a precompiled
# header made of the headers its layer may include (never a higher layer's).
#
# Off by default, so that a normal build checks that every file includes what it uses; the
# Makefile turns it on for the clang sanitizer build of make test-asan (and make fuzz).

set(SILKGRAPH_PCH_STD
    <algorithm> <atomic> <chrono> <cstddef> <cstdint> <cstring> <functional> <map> <memory>
    <mutex> <optional> <set> <span> <sstream> <string> <string_view> <unordered_map> <utility>
    <variant> <vector>)

# silkgraph_precompile(TARGET LAYER): LAYER is engine, query, main or test.
function(silkgraph_precompile target layer)
  if(NOT SILKGRAPH_PCH)
    return()
  endif()
  set(headers ${SILKGRAPH_PCH_STD} "${CMAKE_SOURCE_DIR}/engine/graph.h"
              "${CMAKE_SOURCE_DIR}/engine/error.h")
  if(layer STREQUAL "query" OR layer STREQUAL "main" OR layer STREQUAL "test")
    list(APPEND headers "${CMAKE_SOURCE_DIR}/query/execution/operators/operator.h")
  endif()
  if(layer STREQUAL "main" OR layer STREQUAL "test")
    list(APPEND headers "${CMAKE_SOURCE_DIR}/main/database.h")
  endif()
  if(layer STREQUAL "test")
    list(APPEND headers <gtest/gtest.h>)
  endif()
  target_precompile_headers(${target} PRIVATE ${headers})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # gcc 12 does not keep the standard headers' system-header status when they come from a
    # precompiled header: its known false positives inside libstdc++'s string copies
    # (-Warray-bounds, -Wstringop-overflow on `std::string(...) + "..."`) then become errors.
    # A plain build still reports both for our own code.
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow)
  endif()
endfunction()
