// What a DOT export writes to its output file: the DOT text itself, or a picture that Graphviz
// renders from it. `silkgraph export dot` and the shell's `:export dot` share these rules, so
// a file named x.pdf always holds a PDF (renderDot, which runs Graphviz, is declared in
// dot_exporter.h).
#pragma once

#include <string>

namespace silkgraph {

// The picture formats silkgraph asks Graphviz for: "svg|png|pdf".
const char* renderFormatChoices();

struct DotOutput {
  std::string render;  // "svg", "png" or "pdf": render with Graphviz; "": write DOT text
  std::string error;   // not empty when the request makes no sense (the message to show)
};

// Decides from `outPath` ("" for standard output) and `render` (the --render value, "" when
// not given):
// - --render svg|png|pdf renders; it needs an output file, and an output file whose
//   extension names another format (x.png with --render svg, x.dot) is an error;
// - otherwise the extension decides, case-insensitively: .svg, .png and .pdf are rendered,
//   .dot and .gv (and a name without extension, or standard output) get the DOT text;
// - any other extension (x.jpg, x.txt) is an error rather than DOT text in a file whose name
//   promises something else; the message says which names work (the command line adds
//   that --render can say it instead).
DotOutput chooseDotOutput(const std::string& outPath, const std::string& render);

// The extension of the file name in `path`, lower-cased, without the dot ("" when none).
std::string fileExtension(const std::string& path);

}  // namespace silkgraph
