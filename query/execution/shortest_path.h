// Shortest paths between two bound nodes (shortestPath / allShortestPaths in a MATCH), used by
// the pattern matcher (pattern_matcher.cpp) for MatchStep::Kind::ShortestPath.
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "engine/graph.h"

namespace silkgraph {

struct ExecContext;

struct ShortestPathRequest {
  NodeId from = kInvalidId;
  NodeId to = kInvalidId;
  std::span<const TypeId> types;  // relationship types to follow; kNoType: any type
  Direction dir = Direction::Out;
  int64_t minHops = 1;
  int64_t maxHops = -1;  // < 0: unbounded
  bool all = false;      // allShortestPaths: every shortest path, else one
};

// Accepts or rejects a relationship (the pattern's relationship property filter).
using RelFilter = std::function<bool(RelId)>;
// Receives one path as its relationships in order from `from` to `to`; false stops.
using PathSink = std::function<bool(std::span<const RelId>)>;

// Calls emit for the shortest path (or, with req.all, each shortest path) from req.from to
// req.to whose length is within [minHops, maxHops]; relOk (null: accept all) filters the
// relationships. Returns false if emit stopped it.
bool findShortestPaths(const ShortestPathRequest& req, ExecContext& ctx, const RelFilter* relOk,
                       const PathSink& emit);

}  // namespace silkgraph
