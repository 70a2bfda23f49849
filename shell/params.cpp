// Session's parameters (shell/params.h): a value is a Cypher expression evaluated by the
// database itself (RETURN expr), so :param accepts whatever a query could write; errors point
// into the text the user typed, not into the RETURN around it.
#include "shell/params.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "shell/session.h"

namespace silkgraph::shell {

std::string cypherLiteral(const Value& v, const Graph& graph) {
  switch (v.type()) {
    case Value::Type::Date:
      return "date('" + formatDate(v.asDate()) + "')";
    case Value::Type::List: {
      std::string out = "[";
      for (const Value& e : v.asList())
        out += (out.size() > 1 ? ", " : "") + cypherLiteral(e, graph);
      return out + "]";
    }
    case Value::Type::Map: {
      std::string out = "{";
      for (const auto& [key, value] : v.asMap()) {
        if (out.size() > 1) out += ", ";
        bool plain =
            !key.empty() && (std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_');
        for (char c : key)
          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
        if (plain) {
          out += key;
        } else {
          out += '`';
          for (char c : key) out += c == '`' ? std::string("``") : std::string(1, c);
          out += '`';
        }
        out += ": " + cypherLiteral(value, graph);
      }
      return out + "}";
    }
    default:
      return toCypherText(v, graph);
  }
}

namespace {

bool validParamName(const std::string& name) {
  return !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

}  // namespace

bool Session::setParam(const std::string& name, std::string_view expression,
                       std::string_view origin, const ScriptPlace* place) {
  std::string where = place ? metaWhere_ : std::string(origin) + ": ";
  if (!validParamName(name)) {
    err_ << where << "invalid parameter name '" << name
         << "' (letters, digits and '_', not starting with a digit)\n";
    return false;
  }
  if (text::trim(expression).empty()) {
    err_ << where << "missing value for parameter '" << name << "'\n";
    return false;
  }
  std::optional<Value> v = evalParam(expression, origin, place);
  if (!v) return false;
  params_[name] = std::move(*v);
  return true;
}

bool Session::setParamMap(std::string_view expression, std::string_view origin,
                          const ScriptPlace* place, std::vector<std::string>* names) {
  std::optional<Value> v = evalParam(expression, origin, place);
  if (!v) return false;
  std::string where = place ? metaWhere_ : std::string(origin) + ": ";
  if (v->type() != Value::Type::Map) {
    err_ << where << "expected a map such as {a: 1, b: 'x'}\n";
    return false;
  }
  for (const auto& [key, value] : v->asMap()) {
    if (!validParamName(key)) {
      err_ << where << "invalid parameter name '" << key
           << "' (letters, digits and '_', not starting with a digit)\n";
      return false;
    }
  }
  for (const auto& [key, value] : v->asMap()) {
    params_[key] = value;
    if (names) names->push_back(key);
  }
  return true;
}

std::optional<Value> Session::evalParam(std::string_view expression, std::string_view origin,
                                        const ScriptPlace* place) {
  std::string where = place ? metaWhere_ : std::string(origin) + ": ";
  std::string query = "RETURN " + std::string(expression) + " AS v";
  try {
    QueryResult r = db_.execute(query, params_);
    if (r.rows.size() != 1 || r.rows[0].empty()) {
      err_ << where << "the value is not a single value\n";
      return std::nullopt;
    }
    return r.rows[0][0];
  } catch (const Error& e) {
    Error shifted = e;
    // The user typed only the expression: point into it, not into "RETURN ".
    if (shifted.pos().known() && shifted.pos().line == 1 && shifted.pos().col > 7)
      shifted.offsetPosition(0, static_cast<uint32_t>(-7));
    // An error past the end of what was typed (in the " AS v" added above) means the value
    // stopped too early: say so at its end instead of naming text the user never wrote.
    auto chars = static_cast<uint32_t>(
        std::count_if(expression.begin(), expression.end(), text::isLeadByte));
    if (shifted.pos().known() && (shifted.pos().line > 1 || shifted.pos().col > chars + 1)) {
      std::string message = shifted.what();
      size_t expected = message.find("expected ");
      shifted = Error(e.kind(),
                      "the value ends too early" + (expected == std::string::npos
                                                        ? std::string()
                                                        : " (" + message.substr(expected) + ")"),
                      {1, chars + 1}, e.detail());
    }
    if (place) {
      if (!shifted.pos().known()) shifted = Error(e.kind(), e.what(), {1, 1}, e.detail());
      shifted.offsetPosition(place->pos.line - 1, place->pos.col - 1);
      shifted.setFile(place->file);
      err_ << shifted.format(place->script) << "\n";
    } else {
      err_ << origin << ": " << shifted.format(expression) << "\n";
    }
    // -p id=KAZ: a bare word is read as a variable; the user meant a string.
    if (e.detail() == "UndefinedVariable" && !expression.empty() &&
        std::isalpha(static_cast<unsigned char>(expression[0])) &&
        std::all_of(expression.begin(), expression.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ' ||
                 c == '.';
        })) {
      std::string value(expression);
      std::string name = origin.substr(0, 8) == "--param " ? std::string(origin.substr(8)) : "";
      if (!name.empty())
        err_ << "A string value needs quotes: -p \"" << name << "='" << value << "'\"\n";
      else
        err_ << "A string value needs quotes: '" << value << "'\n";
    }
  } catch (const std::exception& e) {
    err_ << where << "InternalError: " << e.what() << "\n";
  }
  return std::nullopt;
}

void Session::printParamHint(const std::string& message) {
  size_t open = message.find('\'');
  size_t close = open == std::string::npos ? open : message.find('\'', open + 1);
  if (close == std::string::npos) return;
  std::string name = message.substr(open + 1, close - open - 1);
  err_ << "Set it with :param " << name << " => VALUE (in the shell or a script) or --param "
       << name << "=VALUE.\n";
}

void Session::printParams() {
  if (params_.empty()) {
    info() << "No parameters. Set one with :param name => value\n";
    return;
  }
  for (const auto& [k, v] : params_)
    info() << ":param " << k << " => " << cypherLiteral(v, db_.graph()) << "\n";
}

}  // namespace silkgraph::shell
