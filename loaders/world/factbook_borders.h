// The Factbook's land border lengths on the BORDERS of countries (factbook_borders.cpp), used
// by the factbook loader; the fragment parser is exposed for its unit test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "loaders/world/nation_resolver.h"
#include "loaders/world/world_writer.h"

namespace silkgraph::world {

// One "Name 1,234 km" of a Factbook border fragment (the name keeps its qualifier, such as
// "Russia (northeast)").
struct BorderSegment {
  std::string name;
  double km = 0;
};
std::vector<BorderSegment> borderSegments(std::string_view fragment);
// "China (southeast)" -> "China"; a name without a trailing parenthesis is returned as it is.
std::string_view withoutQualifier(std::string_view name);

// Reads factbook_land_borders.csv: sets length_km (and adds the row to sources) on each
// BORDERS between the row's country and a neighbour it names; reports what does not resolve,
// borders countries.json does not have, and lengths the two countries' lists give differently.
void landBorders(Writer& w, const NationResolver& nations, const std::string& path);

}  // namespace silkgraph::world
