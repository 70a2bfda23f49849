// PackStream encoding and decoding (see packstream.h; markers from the Bolt documentation's
// "PackStream" page).
#include "server/packstream.h"

#include <bit>
#include <cstring>
#include <vector>

#include "server/bolt_temporal.h"

namespace silkgraph::server {

void PackWriter::be(uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void PackWriter::null() {
  out_.push_back(static_cast<char>(0xC0));
}
void PackWriter::boolean(bool b) {
  out_.push_back(static_cast<char>(b ? 0xC3 : 0xC2));
}

void PackWriter::integer(int64_t i) {
  if (i >= -16 && i <= 127) {
    out_.push_back(static_cast<char>(static_cast<int8_t>(i)));
  } else if (i >= INT8_MIN && i <= INT8_MAX) {
    out_.push_back(static_cast<char>(0xC8));
    be(static_cast<uint8_t>(i), 1);
  } else if (i >= INT16_MIN && i <= INT16_MAX) {
    out_.push_back(static_cast<char>(0xC9));
    be(static_cast<uint16_t>(i), 2);
  } else if (i >= INT32_MIN && i <= INT32_MAX) {
    out_.push_back(static_cast<char>(0xCA));
    be(static_cast<uint32_t>(i), 4);
  } else {
    out_.push_back(static_cast<char>(0xCB));
    be(static_cast<uint64_t>(i), 8);
  }
}

void PackWriter::floating(double d) {
  out_.push_back(static_cast<char>(0xC1));
  be(std::bit_cast<uint64_t>(d), 8);
}

void PackWriter::sized(size_t size, uint8_t tiny, uint8_t m8, uint8_t m16, uint8_t m32) {
  if (size < 16 && tiny != 0) {
    out_.push_back(static_cast<char>(tiny | size));
  } else if (size <= 0xFF) {
    out_.push_back(static_cast<char>(m8));
    be(size, 1);
  } else if (size <= 0xFFFF) {
    out_.push_back(static_cast<char>(m16));
    be(size, 2);
  } else {
    out_.push_back(static_cast<char>(m32));
    be(size, 4);
  }
}

void PackWriter::string(std::string_view s) {
  sized(s.size(), 0x80, 0xD0, 0xD1, 0xD2);
  out_.append(s);
}
void PackWriter::listHeader(size_t size) {
  sized(size, 0x90, 0xD4, 0xD5, 0xD6);
}
void PackWriter::mapHeader(size_t size) {
  sized(size, 0xA0, 0xD8, 0xD9, 0xDA);
}
void PackWriter::structHeader(size_t fields, uint8_t tag) {
  out_.push_back(static_cast<char>(0xB0 | (fields & 0x0F)));
  out_.push_back(static_cast<char>(tag));
}

uint8_t PackReader::byte() {
  if (pos_ >= bytes_.size()) throw ProtocolError("PackStream value ends early");
  return static_cast<uint8_t>(bytes_[pos_++]);
}

uint64_t PackReader::be(int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | byte();
  return v;
}

std::string_view PackReader::take(uint64_t n) {
  if (n > bytes_.size() - pos_) throw ProtocolError("PackStream value ends early");
  std::string_view s = bytes_.substr(pos_, n);
  pos_ += n;
  return s;
}

size_t PackReader::readStructHeader(uint8_t& tag) {
  const uint8_t m = byte();
  if ((m & 0xF0) != 0xB0) throw ProtocolError("a Bolt message must be a PackStream structure");
  tag = byte();
  return m & 0x0F;
}

Value PackReader::read() {
  return readValue(0);
}

Value PackReader::readValue(int depth) {
  if (depth > kMaxDepth) throw ProtocolError("PackStream value nested too deeply");
  const uint8_t m = byte();
  if (m <= 0x7F) return Value(static_cast<int64_t>(m));
  if (m >= 0xF0) return Value(static_cast<int64_t>(static_cast<int8_t>(m)));
  const uint8_t hi = m & 0xF0;
  uint64_t size = m & 0x0F;
  auto list = [&](uint64_t n) {
    ValueList items;
    for (uint64_t i = 0; i < n; ++i) items.push_back(readValue(depth + 1));
    return Value(std::move(items));
  };
  auto map = [&](uint64_t n) {
    ValueMap entries;
    for (uint64_t i = 0; i < n; ++i) {
      Value key = readValue(depth + 1);
      if (key.type() != Value::Type::String) throw ProtocolError("PackStream map key not a string");
      entries.emplace_back(key.asString(), readValue(depth + 1));
    }
    return Value(std::move(entries));
  };
  if (hi == 0x80) return Value(std::string(take(size)));
  if (hi == 0x90) return list(size);
  if (hi == 0xA0) return map(size);
  if (hi == 0xB0) {
    const uint8_t tag = byte();
    if (tag == kTagDate && size == 1) {
      Value days = readValue(depth + 1);
      if (days.type() != Value::Type::Int || days.asInt() < INT32_MIN || days.asInt() > INT32_MAX)
        throw ProtocolError("PackStream Date with a bad day count");
      return Value(Date{static_cast<int32_t>(days.asInt())});
    }
    if (temporalFieldCount(tag) == size) {
      std::vector<Value> fields;
      for (uint64_t i = 0; i < size; ++i) fields.push_back(readValue(depth + 1));
      return readTemporal(tag, fields);
    }
    throw ProtocolError("PackStream structure 0x" + std::to_string(tag) +
                        " is not supported as a parameter");
  }
  switch (m) {
    case 0xC0:
      return Value();
    case 0xC1:
      return Value(std::bit_cast<double>(be(8)));
    case 0xC2:
      return Value(false);
    case 0xC3:
      return Value(true);
    case 0xC8:
      return Value(static_cast<int64_t>(static_cast<int8_t>(be(1))));
    case 0xC9:
      return Value(static_cast<int64_t>(static_cast<int16_t>(be(2))));
    case 0xCA:
      return Value(static_cast<int64_t>(static_cast<int32_t>(be(4))));
    case 0xCB:
      return Value(static_cast<int64_t>(be(8)));
    case 0xCC:
    case 0xCD:
    case 0xCE:
      throw ProtocolError("PackStream byte arrays are not supported");
    case 0xD0:
      return Value(std::string(take(be(1))));
    case 0xD1:
      return Value(std::string(take(be(2))));
    case 0xD2:
      return Value(std::string(take(be(4))));
    case 0xD4:
      return list(be(1));
    case 0xD5:
      return list(be(2));
    case 0xD6:
      return list(be(4));
    case 0xD8:
      return map(be(1));
    case 0xD9:
      return map(be(2));
    case 0xDA:
      return map(be(4));
    default:
      break;
  }
  throw ProtocolError("unknown PackStream marker " + std::to_string(m));
}

}  // namespace silkgraph::server
