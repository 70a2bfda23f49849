// What each function of the query language does, in one sentence, for dbms.functions()
// (procedures/catalog.cpp). Kept apart from the catalog (query/function/catalog.cpp), which
// holds names, arities and implementations; tests/queries/procedures.test checks that every
// function the catalog lists has a description here.
#include "procedures/function_descriptions.h"

#include <utility>

#include "common/text.h"

namespace silkgraph {
namespace {

constexpr std::pair<const char*, const char*> kDescriptions[] = {
    // Graph elements.
    {"id", "The internal id of a node or relationship."},
    {"labels", "The labels of a node, as a list of strings."},
    {"type", "The type of a relationship, as a string."},
    {"properties", "The properties of a node, a relationship or a map, as a map."},
    {"keys", "The property keys of a node or relationship, or the keys of a map."},
    {"startNode", "The start node of a relationship."},
    {"endNode", "The end node of a relationship."},
    {"nodes", "The nodes of a path, in order."},
    {"relationships", "The relationships of a path, in order."},
    {"length", "The number of relationships of a path."},
    {"exists", "Whether its argument (usually a property) is not null."},
    // Conversion and null handling.
    {"toString", "The value as a string (null for null)."},
    {"toInteger", "The value as an integer, or null when it cannot be converted."},
    {"toFloat", "The value as a float, or null when it cannot be converted."},
    {"toBoolean", "The value as a boolean, or null when it cannot be converted."},
    {"coalesce", "The first of its arguments that is not null (null if all are)."},
    // Lists.
    {"size", "The number of elements of a list, or of characters of a string."},
    {"head", "The first element of a list (null for an empty list)."},
    {"last", "The last element of a list (null for an empty list)."},
    {"tail", "The list without its first element."},
    {"range", "The integers from start to end inclusive, by step (default 1)."},
    {"reverse", "A list or string in reverse order."},
    // Strings.
    {"toUpper", "The string in upper case."},
    {"toLower", "The string in lower case."},
    {"substring", "Part of a string: from a 0-based start, optionally of a given length."},
    {"left", "The first n characters of a string."},
    {"right", "The last n characters of a string."},
    {"split", "The parts of a string between occurrences of a delimiter."},
    {"replace", "The string with every occurrence of a search string replaced."},
    {"trim", "The string without leading and trailing whitespace."},
    {"ltrim", "The string without leading whitespace."},
    {"rtrim", "The string without trailing whitespace."},
    // Numbers.
    {"abs", "The absolute value of a number."},
    {"sign", "The sign of a number: -1, 0 or 1."},
    {"floor", "The largest integral float not greater than the number."},
    {"ceil", "The smallest integral float not less than the number."},
    {"round", "The number rounded to the nearest integral value, or to a given precision."},
    {"sqrt", "The square root of a number."},
    {"exp", "e raised to the power of the number."},
    {"log", "The natural logarithm of a number."},
    {"log10", "The base-10 logarithm of a number."},
    {"sin", "The sine of an angle in radians."},
    {"cos", "The cosine of an angle in radians."},
    {"tan", "The tangent of an angle in radians."},
    {"asin", "The arcsine of a number, in radians."},
    {"acos", "The arccosine of a number, in radians."},
    {"atan", "The arctangent of a number, in radians."},
    {"atan2", "The arctangent of y/x, in radians, using the signs of both to pick the quadrant."},
    {"pi", "The mathematical constant pi."},
    {"e", "The base of the natural logarithm, e."},
    {"rand", "A random float in [0, 1)."},
    // Temporal values (docs/query-language.md, "Dates and times").
    {"date", "A date: today, or from a string or a map of components."},
    {"localtime", "A local time: now, or from a string or a map of components."},
    {"time", "A time with an offset: now, or from a string or a map of components."},
    {"localdatetime", "A local date and time: now, or from a string or a map of components."},
    {"datetime", "A date and time with a zone: now, or from a string or a map of components."},
    {"duration", "A duration from a string ('P1Y2M') or a map of components."},
    {"date.statement", "Today's date, the same throughout the statement."},
    {"date.transaction", "Today's date, the same throughout the transaction."},
    {"date.realtime", "Today's date from the clock when called."},
    {"date.truncate", "A date truncated to a unit (year, quarter, month, week, day)."},
    {"localtime.statement", "The local time, the same throughout the statement."},
    {"localtime.transaction", "The local time, the same throughout the transaction."},
    {"localtime.realtime", "The local time from the clock when called."},
    {"localtime.truncate", "A local time truncated to a unit (hour, minute, second, ...)."},
    {"time.statement", "The time with its offset, the same throughout the statement."},
    {"time.transaction", "The time with its offset, the same throughout the transaction."},
    {"time.realtime", "The time with its offset from the clock when called."},
    {"time.truncate", "A time truncated to a unit (hour, minute, second, ...)."},
    {"localdatetime.statement", "The local date and time, the same throughout the statement."},
    {"localdatetime.transaction", "The local date and time, the same throughout the transaction."},
    {"localdatetime.realtime", "The local date and time from the clock when called."},
    {"localdatetime.truncate", "A local date and time truncated to a unit (year to nanosecond)."},
    {"datetime.statement", "The date and time with its zone, the same throughout the statement."},
    {"datetime.transaction",
     "The date and time with its zone, the same throughout the transaction."},
    {"datetime.realtime", "The date and time with its zone from the clock when called."},
    {"datetime.truncate", "A date and time truncated to a unit (year to nanosecond)."},
    {"datetime.fromepoch", "The UTC date and time of seconds and nanoseconds since 1970-01-01."},
    {"datetime.fromepochmillis", "The UTC date and time of milliseconds since 1970-01-01."},
    {"duration.between",
     "The duration from one temporal value to another, in months, days and "
     "seconds."},
    {"duration.inMonths", "The duration from one temporal value to another in whole months."},
    {"duration.inDays", "The duration from one temporal value to another in whole days."},
    {"duration.inSeconds", "The duration from one temporal value to another in seconds."},
    {"year", "The year of a date, as an integer."},
    // Functions other sessions add to the catalog (described here so that dbms.functions()
    // lists them with a description when they land).
    {"validAt",
     "Whether nodes and relationships (or all of a path or list) hold on a day, by "
     "their valid time (docs/time.md)."},
    {"validDuring",
     "Whether nodes and relationships (or all of a path or list) hold during "
     "some part of a period, by their valid time (docs/time.md)."},
    {"resolve",
     "The node one of whose names (id, name, aliases) is the text, compared "
     "without case and after NFKC; null when none, an error when several."},
    {"sources",
     "The citations of a node, a relationship, a path or a list of them (their "
     "sources properties), each once, in order of first appearance."},
    {"linenumber", "The line number of the current LOAD CSV row (null outside LOAD CSV)."},
    {"file", "The file of the current LOAD CSV row (null outside LOAD CSV)."},
    // Aggregating functions.
    {"count", "The number of values that are not null (count(*): of rows)."},
    {"sum", "The sum of the numbers (0 when there are none)."},
    {"avg", "The average of the numbers (null when there are none)."},
    {"min", "The smallest value."},
    {"max", "The largest value."},
    {"collect", "The values that are not null, as a list."},
    {"stDev", "The sample standard deviation of the numbers."},
    {"stDevP", "The population standard deviation of the numbers."},
    {"percentileCont", "The percentile of the numbers, interpolated between values."},
    {"percentileDisc", "The percentile of the numbers, the nearest value."},
};

}  // namespace

const char* functionDescription(std::string_view name) {
  for (const auto& [n, d] : kDescriptions)
    if (text::equalsIgnoreAsciiCase(n, name)) return d;
  return nullptr;
}

}  // namespace silkgraph
