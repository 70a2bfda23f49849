// Physical operators, one file each under query/execution/operators/: this header gathers
// them for the planner, which builds chains of any of them. A plan is a chain: each operator
// receives rows from the previous one through push() and passes its output to `next`;
// finish() flushes blocking operators (aggregate, sort, distinct, eager) at the end of input.
#pragma once

#include "query/execution/operators/aggregate.h"
#include "query/execution/operators/call.h"
#include "query/execution/operators/create.h"
#include "query/execution/operators/delete.h"
#include "query/execution/operators/distinct.h"
#include "query/execution/operators/eager.h"
#include "query/execution/operators/filter.h"
#include "query/execution/operators/load_csv.h"
#include "query/execution/operators/match.h"
#include "query/execution/operators/merge.h"
#include "query/execution/operators/operator.h"
#include "query/execution/operators/projection.h"
#include "query/execution/operators/provenance.h"
#include "query/execution/operators/rel_scan_aggregate.h"
#include "query/execution/operators/remove.h"
#include "query/execution/operators/result.h"
#include "query/execution/operators/row_counter.h"
#include "query/execution/operators/set.h"
#include "query/execution/operators/skip_limit.h"
#include "query/execution/operators/sort.h"
#include "query/execution/operators/unwind.h"
