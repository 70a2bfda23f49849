// The source loaders of loaders/world/, one per file (countries_loader.cpp, usgs_loader.cpp,
// ...), and the small helpers they share. import.cpp picks one by the source's name.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "loaders/world/world_writer.h"

namespace silkgraph::world {

// The files named by `paths`: a file as it is; a directory, every file in it (recursively,
// sorted by path) that `wanted` accepts. A path that does not exist is an IOError; no file at
// all is an IOError naming what the source expected (`what`).
std::vector<std::string> listFiles(const std::vector<std::string>& paths,
                                   const std::function<bool(const std::string& name)>& wanted,
                                   std::string_view what);
// The whole file as text (IOError when unreadable).
std::string readWholeFile(const std::string& path);
// The file name without its folders, for citations.
std::string baseName(const std::string& path);
// "an_id" from a display name: lower case ASCII letters and digits, runs of others as '_'.
std::string slug(std::string_view name);

void loadCountries(Writer& w, const std::vector<std::string>& paths);
void loadUsgsMcs(Writer& w, const std::vector<std::string>& paths);
void loadFactbook(Writer& w, const std::vector<std::string>& paths);
void loadWikidataOffices(Writer& w, const std::vector<std::string>& paths);
void loadGdelt(Writer& w, const std::vector<std::string>& paths);
void loadFacts(Writer& w, const std::vector<std::string>& paths);

}  // namespace silkgraph::world
