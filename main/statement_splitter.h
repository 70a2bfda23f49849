// Splitting a script into statements at ';' (outside strings and comments), and telling
// whether a typed statement is complete: what the shell needs to read scripts and multi-line
// input. Re-exports the query parser's splitter (query/parser/statement_splitter.h) so that
// front ends include only this API.
#pragma once

#include "query/parser/statement_splitter.h"
