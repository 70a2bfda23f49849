// Database file codec: the byte encoding of the metadata block's small things (integers,
// strings, Values, property definitions, the schema). Encoder appends; Decoder reads with
// bounds checks and reports content that passed its checksum but does not parse as
// inconsistent. Internal to engine/.
#pragma once

#include <algorithm>
#include <bit>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph_file_format.h"
#include "engine/schema.h"
#include "engine/value.h"

namespace silkgraph::graph_file {

class Encoder {
 public:
  std::string out;
  void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
  void u64(uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
  void str(std::string_view s) {
    u64(s.size());
    out.append(s);
  }
  void value(const Value& v) {
    u8(static_cast<uint8_t>(v.type()));
    switch (v.type()) {
      case Value::Type::Null:
        break;
      case Value::Type::Bool:
        u8(v.asBool() ? 1 : 0);
        break;
      case Value::Type::Int:
        u64(static_cast<uint64_t>(v.asInt()));
        break;
      case Value::Type::Float:
        u64(std::bit_cast<uint64_t>(v.asFloat()));
        break;
      case Value::Type::String:
        str(v.asString());
        break;
      case Value::Type::Date:
        u32(static_cast<uint32_t>(v.asDate().days));
        break;
      case Value::Type::List:
        u64(v.asList().size());
        for (const Value& e : v.asList()) value(e);
        break;
      case Value::Type::Map:
        u64(v.asMap().size());
        for (const auto& [k, e] : v.asMap()) {
          str(k);
          value(e);
        }
        break;
      case Value::Type::Node:
        u32(v.asNode());
        break;
      case Value::Type::Rel:
        u32(v.asRel());
        break;
      case Value::Type::Path:
        u64(v.asPath().nodes.size());
        for (NodeId n : v.asPath().nodes) u32(n);
        u64(v.asPath().rels.size());
        for (RelId r : v.asPath().rels) u32(r);
        break;
      case Value::Type::LocalTime:
        u64(static_cast<uint64_t>(v.asLocalTime().nanos));
        break;
      case Value::Type::Time:
        u64(static_cast<uint64_t>(v.asTime().nanos));
        u32(static_cast<uint32_t>(v.asTime().offset));
        break;
      case Value::Type::LocalDateTime:
        u64(static_cast<uint64_t>(v.asLocalDateTime().seconds));
        u32(static_cast<uint32_t>(v.asLocalDateTime().nanos));
        break;
      case Value::Type::DateTime:
        u64(static_cast<uint64_t>(v.asDateTime().seconds));
        u32(static_cast<uint32_t>(v.asDateTime().nanos));
        u32(static_cast<uint32_t>(v.asDateTime().offset));
        str(v.asDateTime().zone);
        break;
      case Value::Type::Duration:
        u64(static_cast<uint64_t>(v.asDuration().months));
        u64(static_cast<uint64_t>(v.asDuration().days));
        u64(static_cast<uint64_t>(v.asDuration().seconds));
        u32(static_cast<uint32_t>(v.asDuration().nanos));
        break;
    }
  }
  void properties(const std::vector<PropertyDef>& props) {
    u64(props.size());
    for (const PropertyDef& p : props) {
      str(p.name);
      u8(static_cast<uint8_t>(p.type));
      u8(p.required ? 1 : 0);
      str(p.description);
    }
  }
  void strings(const std::vector<std::string>& v) {
    u64(v.size());
    for (const std::string& s : v) str(s);
  }
};

// Bounds-checked reader of the metadata block and of generic values. `fail` reports the
// content as inconsistent: it passed its checksum, so it was written that way.
class Decoder {
 public:
  // `subject` names what is read in messages ("database file", "log record").
  Decoder(const uint8_t* p, size_t n, const std::string& path, std::string what,
          const char* subject = "database file")
      : p_(p), end_(p + n), path_(path), what_(std::move(what)), subject_(subject) {}

  [[noreturn]] void fail(const std::string& msg) const {
    fileError(ErrorKind::LoadError, path_,
              std::string(subject_) + " is inconsistent (" + what_ + "): " + msg);
  }
  bool done() const { return p_ == end_; }
  // True (and the byte consumed) when the next byte is `tag`.
  bool take(uint8_t tag) {
    if (p_ == end_ || *p_ != tag) return false;
    ++p_;
    return true;
  }
  void need(size_t n) const {
    if (static_cast<size_t>(end_ - p_) < n) fail("unexpected end of data");
  }
  uint8_t u8() {
    need(1);
    return *p_++;
  }
  uint32_t u32() {
    need(4);
    uint32_t v = read32(p_);
    p_ += 4;
    return v;
  }
  uint64_t u64() {
    need(8);
    uint64_t v = read64(p_);
    p_ += 8;
    return v;
  }
  // A count of items that each take at least minBytes: bounded by what is left.
  size_t count(size_t minBytes) {
    uint64_t n = u64();
    // No division (a log replay reads two counts a node): n is at most what is left, so
    // n * minBytes cannot overflow for any minBytes a caller gives (tens of bytes at most).
    const auto left = static_cast<uint64_t>(end_ - p_);
    if (n > left || n * std::max<uint64_t>(minBytes, 1) > left)
      fail("a count of " + std::to_string(n) + " exceeds the data");
    return static_cast<size_t>(n);
  }
  std::string_view strView() {
    size_t n = count(1);
    std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  std::string str() { return std::string(strView()); }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count(8));
    for (auto& s : v) s = str();
    return v;
  }
  std::vector<PropertyDef> properties() {
    std::vector<PropertyDef> props(count(18));
    for (PropertyDef& p : props) {
      p.name = str();
      uint8_t t = u8();
      if (t > static_cast<uint8_t>(PropType::Duration))
        fail("unknown property type " + std::to_string(t));
      p.type = static_cast<PropType>(t);
      p.required = u8() != 0;
      p.description = str();
    }
    return props;
  }
  Value value(int depth = 0) {
    if (depth > 512) fail("values nested too deeply");
    uint8_t t = u8();
    switch (static_cast<Value::Type>(t)) {
      case Value::Type::Null:
        return Value();
      case Value::Type::Bool:
        return Value(u8() != 0);
      case Value::Type::Int:
        return Value(static_cast<int64_t>(u64()));
      case Value::Type::Float:
        return Value(std::bit_cast<double>(u64()));
      case Value::Type::String:
        return Value(str());
      case Value::Type::Date:
        return Value(Date{static_cast<int32_t>(u32())});
      case Value::Type::List: {
        ValueList l(count(1));
        for (Value& e : l) e = value(depth + 1);
        return Value(std::move(l));
      }
      case Value::Type::Map: {
        ValueMap m(count(9));
        for (auto& [k, e] : m) {
          k = str();
          e = value(depth + 1);
        }
        return Value(std::move(m));
      }
      case Value::Type::Node:
        return Value(NodeRef{u32()});
      case Value::Type::Rel:
        return Value(RelRef{u32()});
      case Value::Type::Path: {
        PathValue path;
        path.nodes.resize(count(4));
        for (NodeId& n : path.nodes) n = u32();
        path.rels.resize(count(4));
        for (RelId& r : path.rels) r = u32();
        if (path.nodes.size() != path.rels.size() + 1) fail("malformed path value");
        return Value(std::move(path));
      }
      case Value::Type::LocalTime: {
        int64_t n = static_cast<int64_t>(u64());
        if (n < 0 || n >= kNanosPerDay) fail("malformed local time value");
        return Value(LocalTime{n});
      }
      case Value::Type::Time: {
        TimeValue t{static_cast<int64_t>(u64()), static_cast<int32_t>(u32())};
        if (t.nanos < 0 || t.nanos >= kNanosPerDay || t.offset < -64800 || t.offset > 64800)
          fail("malformed time value");
        return Value(t);
      }
      case Value::Type::LocalDateTime: {
        LocalDateTime t{static_cast<int64_t>(u64()), static_cast<int32_t>(u32())};
        if (t.nanos < 0 || t.nanos >= kNanosPerSecond) fail("malformed local datetime value");
        return Value(t);
      }
      case Value::Type::DateTime: {
        DateTime t;
        t.seconds = static_cast<int64_t>(u64());
        t.nanos = static_cast<int32_t>(u32());
        t.offset = static_cast<int32_t>(u32());
        t.zone = str();
        if (t.nanos < 0 || t.nanos >= kNanosPerSecond || t.offset < -64800 || t.offset > 64800)
          fail("malformed datetime value");
        return Value(std::move(t));
      }
      case Value::Type::Duration: {
        Duration d;
        d.months = static_cast<int64_t>(u64());
        d.days = static_cast<int64_t>(u64());
        d.seconds = static_cast<int64_t>(u64());
        d.nanos = static_cast<int32_t>(u32());
        if (d.nanos < 0 || d.nanos >= kNanosPerSecond) fail("malformed duration value");
        return Value(d);
      }
    }
    fail("unknown value type " + std::to_string(t));
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  const std::string& path_;
  std::string what_;
  const char* subject_;
};

void encodeSchema(Encoder& e, const Schema& schema);
// Adds the schema stored in the metadata to `schema`.
void readSchema(Decoder& meta, Schema& schema);
// The schema's indexes and constraints made by DDL (format version 3 on).
void encodeIndexes(Encoder& e, const Schema& schema);
void readIndexes(Decoder& meta, Schema& schema);
// The names of the schema's symmetric relationship types (format version 4 on, after the
// indexes).
void encodeSymmetricTypes(Encoder& e, const Schema& schema);
void readSymmetricTypes(Decoder& meta, Schema& schema);

}  // namespace silkgraph::graph_file
