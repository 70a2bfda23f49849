// Hash: XXH64 from Debian's libxxhash, used for the database file's checksums (and any
// content hash a module needs). One call for a buffer, a streaming form for sections written
// in pieces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace silkgraph::hash {

uint64_t xxh64(const void* data, size_t size, uint64_t seed);
inline uint64_t xxh64(std::string_view s, uint64_t seed = 0) {
  return xxh64(static_cast<const void*>(s.data()), s.size(), seed);
}

// Streaming XXH64: update() any number of times, digest() gives what xxh64() of the
// concatenated bytes would.
class Xxh64Stream {
 public:
  explicit Xxh64Stream(uint64_t seed = 0);
  ~Xxh64Stream();
  Xxh64Stream(const Xxh64Stream&) = delete;
  Xxh64Stream& operator=(const Xxh64Stream&) = delete;
  void update(const void* data, size_t size);
  uint64_t digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace silkgraph::hash
