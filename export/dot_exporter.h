// DOT exporter: draws a graph (or the subgraph of a query result) for Graphviz. Nodes are
// styled by label (shape and colour, with a legend), labelled by name; relationships are
// labelled by type and a key property. Every string is escaped, so any name gives valid DOT.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/graph.h"
#include "export/subgraph.h"

namespace silkgraph {

struct DotOptions {
  std::string graphName = "silkgraph";
  bool legend = true;          // a "Legend" cluster listing the labels drawn
  std::string title;           // drawn above the picture when not empty
  std::string rankdir = "LR";  // LR, TB, RL or BT
  size_t wrapWidth = 22;       // wrap node captions at this many columns (0: never)
  bool tooltips = true;        // SVG tooltips listing every property
  // Draws relationships with the same start, end and type as one arrow labelled "TYPE ×N"
  // with their key properties grouped (yearly series such as PRODUCES 2020..2023).
  bool mergeParallel = true;
  // The Graphviz layout engine (the DOT file's `layout` attribute): "dot" (layered, every
  // arrow labelled), "sfdp", "neato" or "fdp" (an overview: arrows coloured by type and
  // explained by the legend, labelled only with a bundle's count, overlaps removed), "circo"
  // or "twopi"; "" or "auto" chooses by size: dot up to kDotLayeredNodes nodes and
  // kDotLayeredArrows arrows, otherwise sfdp (fdp with clusterBy).
  std::string layout;
  // Groups nodes into Graphviz clusters (export/dot_clusters.h): a property ("region") or a
  // relationship type leading to the group ("PART_OF"); "" for none.
  std::string clusterBy;
  // A picture stays readable up to about this many nodes and relationships; writeDot refuses
  // more unless `force`.
  size_t maxNodes = 1000;
  size_t maxRels = 2000;
  bool force = false;
};
// The automatic layout is the layered `dot` up to this size (after bundling parallel arrows).
constexpr size_t kDotLayeredNodes = 60;
constexpr size_t kDotLayeredArrows = 100;

// The layouts DotOptions::layout accepts: "auto|dot|sfdp|neato|fdp|circo|twopi".
const char* dotLayoutChoices();
bool isDotLayout(std::string_view layout);

// Writes the nodes and relationships of `sub` (plus the endpoints of its relationships) as a
// directed DOT graph. The output depends only on the graph content, never on hash order.
// Throws Error{ArgumentError} (before writing anything) when `sub` has more than
// options.maxNodes nodes or options.maxRels relationships and options.force is not set,
// saying how many there are and how to draw a part.
void writeDot(const Graph& graph, const Subgraph& sub, std::ostream& out,
              const DotOptions& options = {});

// Runs Graphviz (`dot -T<format> -o<outPath>`, found through PATH at call time) with dotText
// on its standard input, without a shell. Throws Error(ErrorKind::IOError) when dot is not
// installed, exits non-zero, or prints anything on stderr (its warnings are in the message).
// Messages name `shownPath` when given (the file a temporary outPath will become). With
// `timeoutSeconds` > 0, a dot still running after that long is killed and Error{IOError}
// says so (the server draws results for web clients with a time limit).
void renderDot(const std::string& dotText, const std::string& outPath, const std::string& format,
               const std::string& shownPath = "", double timeoutSeconds = 0);

}  // namespace silkgraph
