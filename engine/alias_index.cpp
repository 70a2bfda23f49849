// Implements engine/alias_index.h: the folded-name hash index over id, name and aliases, and
// its cache in the graph (GraphImpl::aliasIndex), checked against the graph's write stamp.
#include "engine/alias_index.h"

#include <algorithm>
#include <mutex>

#include "common/text.h"
#include "engine/graph_access.h"

namespace silkgraph {

namespace {

std::mutex cacheMutex;  // guards GraphImpl::aliasIndex and aliasStamp of every graph

}  // namespace

std::shared_ptr<const AliasIndex> AliasIndex::of(const Graph& g) {
  const GraphImpl& impl = GraphAccess::of(g);
  const uint64_t stamp[3] = {impl.nodeWrites, impl.nodeLimit, impl.nodeCount};
  std::lock_guard lock(cacheMutex);
  if (!impl.aliasIndex || !std::equal(stamp, stamp + 3, impl.aliasStamp)) {
    impl.aliasIndex = std::make_shared<const AliasIndex>(g);
    std::copy(stamp, stamp + 3, impl.aliasStamp);
  }
  return impl.aliasIndex;
}

AliasIndex::AliasIndex(const Graph& g) {
  const KeyId keys[] = {g.keyId("id"), g.keyId("name"), g.keyId("aliases")};
  auto add = [&](NodeId n, const Value& v) {
    if (v.type() != Value::Type::String || v.asString().empty()) return;
    std::vector<NodeId>& nodes = byKey_[text::caseFold(v.asString())];
    if (nodes.empty() || nodes.back() != n) nodes.push_back(n);
    names_.push_back(v.asString());
  };
  for (NodeId n = 0, end = g.nodeIdLimit(); n < end; ++n) {
    if (!g.nodeExists(n)) continue;
    for (KeyId k : keys) {
      if (k == kNoKey) continue;
      Value v = g.nodeProperty(n, k);
      if (v.type() == Value::Type::List) {
        for (const Value& e : v.asList()) add(n, e);
      } else {
        add(n, v);
      }
    }
  }
  for (auto& [key, nodes] : byKey_) {
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  }
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
}

std::vector<NodeId> AliasIndex::find(std::string_view text) const {
  auto it = byKey_.find(text::caseFold(text));
  return it == byKey_.end() ? std::vector<NodeId>{} : it->second;
}

std::string AliasIndex::closest(std::string_view text) const {
  std::vector<std::string_view> candidates(names_.begin(), names_.end());
  return text::closest(text, candidates);
}

}  // namespace silkgraph
