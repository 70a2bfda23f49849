// The USGS Mineral Commodity Summaries' commodities (the code in each world file's name, e.g.
// mcs2024-raree_world.csv) with their chapter names, and the units of the world files'
// column headers converted to one documented unit per commodity (docs/world.md).
#pragma once

#include <string>
#include <string_view>

namespace silkgraph::world {

// The chapter name of a commodity code ("raree" -> "Rare earths"); empty when unknown.
std::string_view usgsCommodityName(std::string_view code);

struct UsgsUnit {
  const char* unit = nullptr;  // the documented unit: "t", "carats" or "cubic meters"
  double factor = 0;           // value in the header's unit * factor = value in `unit`
};
// A header unit (t, kt, kg, Mt, mmt, mt, mct, kct, mcm); unit == nullptr when unknown.
UsgsUnit usgsUnit(std::string_view headerUnit);

}  // namespace silkgraph::world
