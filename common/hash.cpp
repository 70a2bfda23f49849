// Implements common/hash.h over libxxhash.
#include "common/hash.h"

#include <xxhash.h>

#include <new>

namespace silkgraph::hash {

uint64_t xxh64(const void* data, size_t size, uint64_t seed) {
  return XXH64(data, size, seed);
}

struct Xxh64Stream::State {
  XXH64_state_t* s = nullptr;
};

Xxh64Stream::Xxh64Stream(uint64_t seed) : state_(std::make_unique<State>()) {
  state_->s = XXH64_createState();
  if (!state_->s) throw std::bad_alloc();
  XXH64_reset(state_->s, seed);
}

Xxh64Stream::~Xxh64Stream() {
  XXH64_freeState(state_->s);
}

void Xxh64Stream::update(const void* data, size_t size) {
  XXH64_update(state_->s, data, size);
}

uint64_t Xxh64Stream::digest() const {
  return XXH64_digest(state_->s);
}

}  // namespace silkgraph::hash
