// Values as front ends show them: the Value type of result cells and their text forms
// (toCypherText in the TCK notation, toDisplayText for tables). Re-exports engine/value.h (with
// the temporal types and time-zone functions of engine/temporal.h) and query/value_format.h so
// that front ends include only the embedding API.
#pragma once

#include "engine/value.h"
#include "query/value_format.h"
