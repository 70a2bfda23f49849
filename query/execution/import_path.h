// Where LOAD CSV may read: a `file:///PATH` URL names PATH inside the import directory
// (Database::setImportDir, `silkgraph --import-dir`; the current directory by default), the
// way Neo4j resolves it against its import directory. Nothing else is read: other schemes
// (http:, https:, ftp:, s3:, ...), bare paths, `..` and symbolic links that lead outside the
// directory are refused, so a query cannot read arbitrary files of the machine it runs on.
#pragma once

#include <string>
#include <string_view>

namespace silkgraph {

struct ImportFile {
  std::string path;          // to open: the import directory joined with the URL's path
  std::string absolutePath;  // what file() returns
  std::string shown;         // for messages: the path as the URL gives it, e.g. "nations.csv"
};

// Resolves `url` against `importDir` (empty: the current directory). Throws Error
// (ArgumentError for a URL that is not allowed, IOError for a missing file; no position: the
// caller places it at its clause) saying what is wrong and what to write instead.
ImportFile resolveImportUrl(std::string_view url, std::string_view importDir);

}  // namespace silkgraph
