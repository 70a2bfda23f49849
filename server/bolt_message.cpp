// Bolt request decoding and response encoding (see bolt_message.h; message layouts from the
// Bolt documentation's "Bolt protocol message specification").
#include "server/bolt_message.h"

#include "server/packstream.h"

namespace silkgraph::server {
namespace {

struct Shape {
  BoltTag tag;
  const char* name;
  size_t minFields;
  size_t maxFields;
};

constexpr Shape kShapes[] = {
    {BoltTag::Hello, "HELLO", 1, 1},       {BoltTag::Goodbye, "GOODBYE", 0, 0},
    {BoltTag::Reset, "RESET", 0, 0},       {BoltTag::Run, "RUN", 2, 3},
    {BoltTag::Begin, "BEGIN", 0, 1},       {BoltTag::Commit, "COMMIT", 0, 0},
    {BoltTag::Rollback, "ROLLBACK", 0, 0}, {BoltTag::Discard, "DISCARD", 0, 1},
    {BoltTag::Pull, "PULL", 0, 1},         {BoltTag::Telemetry, "TELEMETRY", 1, 1},
    {BoltTag::Route, "ROUTE", 3, 3},       {BoltTag::Logon, "LOGON", 1, 1},
    {BoltTag::Logoff, "LOGOFF", 0, 0},
};

void expectType(const BoltMessage& m, const char* name, size_t i, Value::Type want) {
  const Value& v = m.fields[i];
  if (v.type() == want) return;
  if (want == Value::Type::Map && v.isNull()) return;  // an absent map is sent as null
  throw ProtocolError(std::string(name) + " field " + std::to_string(i + 1) + " must be a " +
                      Value::typeName(want) + ", not " + Value::typeName(v.type()));
}

}  // namespace

BoltMessage decodeBoltMessage(std::string_view bytes) {
  PackReader reader(bytes);
  uint8_t tag = 0;
  const size_t count = reader.readStructHeader(tag);
  const Shape* shape = nullptr;
  for (const Shape& s : kShapes)
    if (static_cast<uint8_t>(s.tag) == tag) shape = &s;
  if (!shape) throw ProtocolError("unknown Bolt message tag " + std::to_string(tag));
  if (count < shape->minFields || count > shape->maxFields)
    throw ProtocolError(std::string(shape->name) + " with " + std::to_string(count) + " fields");
  BoltMessage m{shape->tag, {}};
  for (size_t i = 0; i < count; ++i) m.fields.push_back(reader.read());
  if (!reader.atEnd()) throw ProtocolError(std::string(shape->name) + " followed by extra bytes");
  switch (m.tag) {
    case BoltTag::Run:
      expectType(m, "RUN", 0, Value::Type::String);
      expectType(m, "RUN", 1, Value::Type::Map);
      if (count == 3) expectType(m, "RUN", 2, Value::Type::Map);
      break;
    case BoltTag::Route:
      expectType(m, "ROUTE", 0, Value::Type::Map);
      break;
    case BoltTag::Hello:
    case BoltTag::Logon:
    case BoltTag::Begin:
    case BoltTag::Pull:
    case BoltTag::Discard:
      if (count == 1) expectType(m, shape->name, 0, Value::Type::Map);
      break;
    default:
      break;
  }
  return m;
}

bool fuzzBoltMessageDecoder(const uint8_t* data, size_t size) {
  try {
    decodeBoltMessage(std::string_view(reinterpret_cast<const char*>(data), size));
    return true;
  } catch (const ProtocolError&) {
    return false;
  }
}

namespace {
void packPlain(PackWriter& w, const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      w.null();
      break;
    case Value::Type::Bool:
      w.boolean(v.asBool());
      break;
    case Value::Type::Int:
      w.integer(v.asInt());
      break;
    case Value::Type::Float:
      w.floating(v.asFloat());
      break;
    case Value::Type::String:
      w.string(v.asString());
      break;
    case Value::Type::List:
      w.listHeader(v.asList().size());
      for (const Value& item : v.asList()) packPlain(w, item);
      break;
    case Value::Type::Map:
      w.mapHeader(v.asMap().size());
      for (const auto& [key, item] : v.asMap()) {
        w.string(key);
        packPlain(w, item);
      }
      break;
    default:  // metadata holds no graph values or dates
      w.null();
      break;
  }
}
}  // namespace

std::string encodeSuccess(const Value& metadata) {
  std::string out;
  PackWriter w(out);
  w.structHeader(1, static_cast<uint8_t>(BoltTag::Success));
  if (metadata.isNull()) {
    w.mapHeader(0);
  } else {
    packPlain(w, metadata);
  }
  return out;
}

std::string encodeIgnored() {
  std::string out;
  PackWriter(out).structHeader(0, static_cast<uint8_t>(BoltTag::Ignored));
  return out;
}

std::string encodeFailure(std::string_view code, std::string_view message) {
  std::string out;
  PackWriter w(out);
  w.structHeader(1, static_cast<uint8_t>(BoltTag::Failure));
  w.mapHeader(2);
  w.string("code");
  w.string(code);
  w.string("message");
  w.string(message);
  return out;
}

void appendChunked(std::string& out, std::string_view message) {
  while (!message.empty()) {
    const size_t n = message.size() < 0xFFFF ? message.size() : 0xFFFF;
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
    out.append(message.substr(0, n));
    message.remove_prefix(n);
  }
  out.push_back(0);
  out.push_back(0);
}

}  // namespace silkgraph::server
