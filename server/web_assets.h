// The web page's files (server/web/), compiled into the binary at build time by
// server/web/embed.cmake, so the page needs no files, no CDN and no build step.
#pragma once

#include <string_view>

namespace silkgraph::server {

struct WebAsset {
  std::string_view path;         // "/", "/app.js", ...
  std::string_view contentType;  // "text/html; charset=utf-8", ...
  std::string_view content;
};

// The asset served at `path`, or nullptr.
const WebAsset* findWebAsset(std::string_view path);

}  // namespace silkgraph::server
