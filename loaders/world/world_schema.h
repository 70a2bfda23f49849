// The schema of the world graph (docs/world.md): the labels and relationship types the
// source loaders of loaders/world/ create, with their typed properties. An import merges it
// into the database's schema, so Nation, Resource, ... have key indexes and a later import
// (usgs-mcs after countries) finds the nodes an earlier one created.
#pragma once

#include "engine/schema.h"

namespace silkgraph::world {

const Schema& worldSchema();

}  // namespace silkgraph::world
