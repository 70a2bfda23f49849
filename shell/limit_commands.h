// The meta-commands that limit statements, :timeout and :max-memory, and the view date
// :as-of (rows of the table in meta_commands.cpp), and the parsing of their values, which
// the command line's --timeout, --max-memory and --as-of share.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "main/database.h"
#include "shell/meta_commands.h"

namespace silkgraph::shell {

// The rows for metaCommands().
std::vector<MetaCommand> limitCommands();

// "2", "0.5", "30s", "off" -> seconds (0 for no limit); nullopt when malformed.
std::optional<double> parseTimeout(std::string_view text);
// "512MB", "2GB", "1.5G", "off" -> bytes (0 for no limit); nullopt when malformed.
std::optional<uint64_t> parseMemoryLimit(std::string_view text);
// "2025-07-01" -> that day, "off" -> no view date (an empty inner optional); nullopt when
// malformed.
std::optional<std::optional<Date>> parseAsOf(std::string_view text);

}  // namespace silkgraph::shell
