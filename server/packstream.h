// PackStream, the binary value format of the Bolt protocol: a writer that appends encoded
// values to a byte string and a reader that decodes them into Values (engine/value.h via
// main/value.h). The reader is strict and bounded: a malformed or truncated input, a nesting
// deeper than kMaxDepth or a structure it does not know throws ProtocolError, never crashes.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "main/value.h"

namespace silkgraph::server {

// Bytes that do not follow the protocol; the connection answers FAILURE and closes.
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Structure tags of the values PackStream carries.
inline constexpr uint8_t kTagNode = 0x4E;
inline constexpr uint8_t kTagRelationship = 0x52;
inline constexpr uint8_t kTagUnboundRelationship = 0x72;
inline constexpr uint8_t kTagPath = 0x50;
inline constexpr uint8_t kTagDate = 0x44;

class PackWriter {
 public:
  explicit PackWriter(std::string& out) : out_(out) {}
  void null();
  void boolean(bool b);
  void integer(int64_t i);
  void floating(double d);
  void string(std::string_view s);
  void listHeader(size_t size);
  void mapHeader(size_t size);
  void structHeader(size_t fields, uint8_t tag);

 private:
  void sized(size_t size, uint8_t tiny, uint8_t m8, uint8_t m16, uint8_t m32);
  void be(uint64_t v, int bytes);
  std::string& out_;
};

class PackReader {
 public:
  static constexpr int kMaxDepth = 64;
  explicit PackReader(std::string_view bytes) : bytes_(bytes) {}
  // One value; a structure inside it must be a Date or another temporal value (parameters
  // carry no graph entities).
  Value read();
  // A structure header: returns the field count and sets `tag`.
  size_t readStructHeader(uint8_t& tag);
  bool atEnd() const { return pos_ == bytes_.size(); }

 private:
  Value readValue(int depth);
  uint8_t byte();
  uint64_t be(int bytes);
  std::string_view take(uint64_t n);
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace silkgraph::server
