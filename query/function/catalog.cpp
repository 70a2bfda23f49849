// Implements query/function/catalog.h: the table of scalar functions (names and arities; the
// implementations are in the *_functions.cpp files of this folder, by family).
#include "query/function/catalog.h"

#include <array>

#include "common/text.h"
#include "query/function/aggregate.h"
#include "query/function/scalar_functions.h"

namespace silkgraph {

namespace {

constexpr std::array kFunctions = {
    FunctionDef{"id", 1, 1, functions::fnId},
    FunctionDef{"labels", 1, 1, functions::fnLabels},
    FunctionDef{"type", 1, 1, functions::fnType},
    FunctionDef{"properties", 1, 1, functions::fnProperties},
    FunctionDef{"keys", 1, 1, functions::fnKeys},
    FunctionDef{"size", 1, 1, functions::fnSize},
    FunctionDef{"length", 1, 1, functions::fnLength},
    FunctionDef{"toUpper", 1, 1, functions::fnToUpper},
    FunctionDef{"toLower", 1, 1, functions::fnToLower},
    FunctionDef{"toString", 1, 1, functions::fnToString},
    FunctionDef{"toInteger", 1, 1, functions::fnToInteger},
    FunctionDef{"toFloat", 1, 1, functions::fnToFloat},
    FunctionDef{"toBoolean", 1, 1, functions::fnToBoolean},
    FunctionDef{"coalesce", 1, -1, functions::fnCoalesce},
    FunctionDef{"abs", 1, 1, functions::fnAbs},
    FunctionDef{"date", 0, 1, functions::fnDate},
    FunctionDef{"localtime", 0, 1, functions::fnLocalTime},
    FunctionDef{"time", 0, 1, functions::fnTime},
    FunctionDef{"localdatetime", 0, 1, functions::fnLocalDateTime},
    FunctionDef{"datetime", 0, 1, functions::fnDateTime},
    FunctionDef{"duration", 1, 1, functions::fnDuration},
    FunctionDef{"date.statement", 0, 1, functions::fnDateNow},
    FunctionDef{"date.transaction", 0, 1, functions::fnDateNow},
    FunctionDef{"date.realtime", 0, 1, functions::fnDateNow},
    FunctionDef{"date.truncate", 2, 3, functions::fnDateTruncate},
    FunctionDef{"localtime.statement", 0, 1, functions::fnLocalTimeNow},
    FunctionDef{"localtime.transaction", 0, 1, functions::fnLocalTimeNow},
    FunctionDef{"localtime.realtime", 0, 1, functions::fnLocalTimeNow},
    FunctionDef{"localtime.truncate", 2, 3, functions::fnLocalTimeTruncate},
    FunctionDef{"time.statement", 0, 1, functions::fnTimeNow},
    FunctionDef{"time.transaction", 0, 1, functions::fnTimeNow},
    FunctionDef{"time.realtime", 0, 1, functions::fnTimeNow},
    FunctionDef{"time.truncate", 2, 3, functions::fnTimeTruncate},
    FunctionDef{"localdatetime.statement", 0, 1, functions::fnLocalDateTimeNow},
    FunctionDef{"localdatetime.transaction", 0, 1, functions::fnLocalDateTimeNow},
    FunctionDef{"localdatetime.realtime", 0, 1, functions::fnLocalDateTimeNow},
    FunctionDef{"localdatetime.truncate", 2, 3, functions::fnLocalDateTimeTruncate},
    FunctionDef{"datetime.statement", 0, 1, functions::fnDateTimeNow},
    FunctionDef{"datetime.transaction", 0, 1, functions::fnDateTimeNow},
    FunctionDef{"datetime.realtime", 0, 1, functions::fnDateTimeNow},
    FunctionDef{"datetime.truncate", 2, 3, functions::fnDateTimeTruncate},
    FunctionDef{"datetime.fromepoch", 2, 2, functions::fnDateTimeFromEpoch},
    FunctionDef{"datetime.fromepochmillis", 1, 1, functions::fnDateTimeFromEpochMillis},
    FunctionDef{"duration.between", 2, 2, functions::fnDurationBetween},
    FunctionDef{"duration.inMonths", 2, 2, functions::fnDurationInMonths},
    FunctionDef{"duration.inDays", 2, 2, functions::fnDurationInDays},
    FunctionDef{"duration.inSeconds", 2, 2, functions::fnDurationInSeconds},
    FunctionDef{"head", 1, 1, functions::fnHead},
    FunctionDef{"last", 1, 1, functions::fnLast},
    FunctionDef{"tail", 1, 1, functions::fnTail},
    FunctionDef{"range", 2, 3, functions::fnRange},
    FunctionDef{"nodes", 1, 1, functions::fnNodes},
    FunctionDef{"relationships", 1, 1, functions::fnRelationships},
    FunctionDef{"startNode", 1, 1, functions::fnStartNode},
    FunctionDef{"endNode", 1, 1, functions::fnEndNode},
    FunctionDef{"substring", 2, 3, functions::fnSubstring},
    FunctionDef{"left", 2, 2, functions::fnLeft},
    FunctionDef{"right", 2, 2, functions::fnRight},
    FunctionDef{"split", 2, 2, functions::fnSplit},
    FunctionDef{"replace", 3, 3, functions::fnReplace},
    FunctionDef{"trim", 1, 1, functions::fnTrim},
    FunctionDef{"ltrim", 1, 1, functions::fnLTrim},
    FunctionDef{"rtrim", 1, 1, functions::fnRTrim},
    FunctionDef{"reverse", 1, 1, functions::fnReverse},
    FunctionDef{"sqrt", 1, 1, functions::fnSqrt},
    FunctionDef{"exp", 1, 1, functions::fnExp},
    FunctionDef{"log", 1, 1, functions::fnLog},
    FunctionDef{"log10", 1, 1, functions::fnLog10},
    FunctionDef{"sin", 1, 1, functions::fnSin},
    FunctionDef{"cos", 1, 1, functions::fnCos},
    FunctionDef{"tan", 1, 1, functions::fnTan},
    FunctionDef{"asin", 1, 1, functions::fnAsin},
    FunctionDef{"acos", 1, 1, functions::fnAcos},
    FunctionDef{"atan", 1, 1, functions::fnAtan},
    FunctionDef{"atan2", 2, 2, functions::fnAtan2},
    FunctionDef{"pi", 0, 0, functions::fnPi},
    FunctionDef{"e", 0, 0, functions::fnE},
    FunctionDef{"floor", 1, 1, functions::fnFloor},
    FunctionDef{"ceil", 1, 1, functions::fnCeil},
    FunctionDef{"round", 1, 2, functions::fnRound},
    FunctionDef{"sign", 1, 1, functions::fnSign},
    FunctionDef{"exists", 1, 1, functions::fnExists},
    FunctionDef{"sources", 1, 1, functions::fnSources},
    FunctionDef{"rand", 0, 0, functions::fnRand},
    FunctionDef{"linenumber", 0, 0, functions::fnLineNumber},
    FunctionDef{"file", 0, 0, functions::fnFile},
    FunctionDef{"year", 1, 1, functions::fnYear},
    FunctionDef{"validAt", 2, 2, functions::fnValidAt},
    FunctionDef{"validDuring", 3, 3, functions::fnValidDuring},
    FunctionDef{"resolve", 1, 2, functions::fnResolve},
};

}  // namespace

const FunctionDef* findFunction(std::string_view name) {
  for (const auto& f : kFunctions) {
    if (text::equalsIgnoreAsciiCase(f.name, name)) return &f;
  }
  return nullptr;
}

std::vector<std::string_view> functionNames() {
  std::vector<std::string_view> out;
  for (const auto& f : kFunctions) out.push_back(f.name);
  for (std::string_view n : aggregateNames()) out.push_back(n);
  return out;
}

bool isAggregateName(std::string_view name) {
  return findAggregate(name) != nullptr;
}

}  // namespace silkgraph
