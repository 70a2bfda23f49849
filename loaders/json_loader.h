// Native JSON format reader (docs/formats.md). A file is parsed once, with the byte offset
// of every value recorded, then fed to the Stage in three passes (schema, nodes,
// relationships) so that a directory load can put every file's schema before any data.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "loaders/staging.h"

namespace silkgraph::load {

class JsonFile {
 public:
  // Reads and parses `path` (registered in the stage as file `file`). Throws IOError when the
  // file cannot be read and LoadError (file:line:col) on malformed JSON or a wrong shape.
  static std::unique_ptr<JsonFile> read(const std::string& path, Stage& stage, uint32_t file);
  ~JsonFile();

  // Files named by "imports", as written, with the place they are named at.
  const std::vector<std::pair<std::string, SourcePos>>& imports() const;
  uint32_t file() const;

  void stageSchema(Stage& stage) const;
  // After every file's schema is merged: relationship endpoints must name declared labels.
  void checkSchemaReferences(const Stage& stage) const;
  void stageNodes(Stage& stage) const;
  void stageRelationships(Stage& stage) const;

  struct Impl;

 private:
  explicit JsonFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace silkgraph::load
