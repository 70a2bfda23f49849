// StringDictionary: the graph's intern table for string property values. Columns store a
// 32-bit id; reads hand out the shared payload, so reading a string property never allocates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/string_index.h"
#include "engine/value.h"

namespace silkgraph {

class StringDictionary {
 public:
  static constexpr uint32_t kAbsent = StringIndex::kNone;

  // Id of s, adding it if new. When `payload` already holds s, it is adopted instead of copied.
  uint32_t intern(std::string_view s, const StringPtr* payload = nullptr) {
    if (uint32_t id = index_.find(s); id != StringIndex::kNone) return id;
    StringPtr p = payload && *payload ? *payload : std::make_shared<const std::string>(s);
    auto id = static_cast<uint32_t>(strings_.size());
    strings_.push_back(p);
    payloadBytes_ += sizeof(std::string) + 16 + (p->size() > 15 ? p->capacity() + 1 : 0);
    // The key views the payload, which never moves: the shared_ptr keeps it alive.
    index_.insert(std::string_view(*p), id);
    return id;
  }
  uint32_t find(std::string_view s) const {
    return index_.find(s);  // StringIndex::kNone == kAbsent
  }
  const StringPtr& get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

  // Approximate heap bytes: payloads (string object, control block, long-string buffer),
  // the id vector and the hash table.
  size_t bytes() const {
    return payloadBytes_ + strings_.capacity() * sizeof(StringPtr) + index_.bytes();
  }

 private:
  std::vector<StringPtr> strings_;
  StringIndex index_;
  size_t payloadBytes_ = 0;
};

}  // namespace silkgraph
