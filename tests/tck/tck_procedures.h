// The TCK's test procedures: a scenario declares each by its signature and a table whose
// columns are the parameters then the outputs; CALL with arguments equal to a row's
// parameter cells yields that row's output cells.
#pragma once

#include <nlohmann/json.hpp>

#include "main/database.h"

namespace silkgraph::tck {

// Registers the scenario's "procedures" in db. Throws ParseError (a cell) or Error (a
// signature) when the declaration cannot be read.
void registerProcedures(Database& db, const nlohmann::json& procedures);

}  // namespace silkgraph::tck
