// The loaders' CsvReader: the engine's RFC 4180 reader (engine/csv_reader.h) reporting its
// errors through a Stage, so that rows still being written come first and the file is named
// as the stage names it.
#pragma once

#include <cstdint>
#include <string>

#include "engine/csv_reader.h"
#include "loaders/staging.h"

namespace silkgraph::load {

class CsvReader : public silkgraph::CsvReader {
 public:
  // Opens `path` (file `file` of the stage, which reports errors); IOError when unreadable.
  CsvReader(const std::string& path, const Stage& stage, uint32_t file)
      : silkgraph::CsvReader(path, path, [&stage, file](SourcePos pos, const std::string& msg) {
          stage.fail(file, pos, msg);
        }) {}
};

}  // namespace silkgraph::load
