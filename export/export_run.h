// Export: the one pipeline behind `silkgraph export` and the shell's `:export`. It decides
// from the format and the output file's name what to write (DOT text, a picture Graphviz
// renders from it, or GraphML), writes it, and replaces the file atomically (a temporary file
// in the same directory renamed over it), so that a failed export never leaves half a file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/graph.h"
#include "export/dot_exporter.h"
#include "export/graphviz_render.h"
#include "export/subgraph.h"

namespace silkgraph {

enum class ExportFormat { Dot, Graphml };

// "dot" or "graphml" (exactly as written); nullopt for anything else.
std::optional<ExportFormat> parseExportFormat(std::string_view name);

// Where an export goes and in which form.
struct ExportTarget {
  ExportFormat format = ExportFormat::Dot;
  std::string path;    // "": the stream given to exportSubgraph (standard output)
  std::string render;  // "svg", "png" or "pdf": a picture rendered by Graphviz; "": text
};

// Checks that `path` can receive `format` (render: the --render value, "" when not given,
// only meaningful for dot) and fills `target`. Returns "" or the message saying why not:
// the rules of chooseDotOutput for DOT, a name ending in .graphml or .xml (or none) for
// GraphML.
std::string planExport(ExportFormat format, const std::string& path, const std::string& render,
                       ExportTarget& target);

// Why `path` cannot receive a GraphML export ("" when it can): the name must end in .graphml
// or .xml, or have no extension.
std::string graphmlPathProblem(const std::string& path);

// Writes `sub` of `graph` to the target: to `out` when target.path is empty, else to the file
// (rendered by Graphviz when target.render is set). Throws Error{IOError} naming the file when
// it cannot be written or Graphviz fails; the file is then left as it was.
void exportSubgraph(const Graph& graph, const Subgraph& sub, const ExportTarget& target,
                    std::ostream& out, const DotOptions& dotOptions = {});

// Replaces the file at `path` with `content` atomically (a symbolic link is followed, and a
// device or pipe such as /dev/stdout is written in place). Throws Error{IOError}.
void writeFileAtomically(const std::string& path, std::string_view content);

}  // namespace silkgraph
