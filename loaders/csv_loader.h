// CSV reader for the Neo4j bulk-import header format (docs/formats.md): the bulk path.
// A file is opened and its header read up front (that tells whether it holds nodes or
// relationships); its rows are streamed into the Stage later, in the node or relationship
// pass of the load.
#pragma once

#include <memory>
#include <string>

#include "loaders/staging.h"

namespace silkgraph::load {

class CsvFile {
 public:
  // Opens `path` (file `file` in the stage) and parses its header. Throws IOError when the
  // file cannot be read and LoadError (file:line:col) on a bad header.
  static std::unique_ptr<CsvFile> open(const std::string& path, Stage& stage, uint32_t file);
  ~CsvFile();

  bool holdsNodes() const;
  // Streams every data row into the stage; errors name the file:line:col of the cell.
  void stageRows(Stage& stage);

  struct Impl;

 private:
  explicit CsvFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace silkgraph::load
