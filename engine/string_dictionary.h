// StringDictionary: the graph's intern table for string property values. Columns store a
// 32-bit id; reads hand out the shared payload, so reading a string property never allocates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/value.h"

namespace silkgraph {

class StringDictionary {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // Id of s, adding it if new. When `payload` already holds s, it is adopted instead of copied.
  uint32_t intern(std::string_view s, const StringPtr* payload = nullptr) {
    auto it = index_.find(s);
    if (it != index_.end()) return it->second;
    StringPtr p = payload && *payload ? *payload : std::make_shared<const std::string>(s);
    auto id = static_cast<uint32_t>(strings_.size());
    strings_.push_back(p);
    payloadBytes_ += sizeof(std::string) + 16 + (p->size() > 15 ? p->capacity() + 1 : 0);
    // The key views the payload, which never moves: the shared_ptr keeps it alive.
    index_.emplace(std::string_view(*p), id);
    return id;
  }
  uint32_t find(std::string_view s) const {
    auto it = index_.find(s);
    return it == index_.end() ? kAbsent : it->second;
  }
  const StringPtr& get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

  // Approximate heap bytes: payloads (string object, control block, long-string buffer),
  // the id vector and the hash table (buckets plus one node per entry).
  size_t bytes() const {
    return payloadBytes_ + strings_.capacity() * sizeof(StringPtr) +
           index_.bucket_count() * sizeof(void*) +
           index_.size() * (sizeof(std::string_view) + sizeof(uint32_t) + 2 * sizeof(void*));
  }

 private:
  std::vector<StringPtr> strings_;
  std::unordered_map<std::string_view, uint32_t> index_;
  size_t payloadBytes_ = 0;
};

}  // namespace silkgraph
