// Implements shell/key_stats.h.
#include "shell/key_stats.h"

#include <algorithm>
#include <map>

namespace silkgraph::shell {

namespace {

class Tally {
 public:
  void add(KeyId k, const Value& v) {
    auto& [count, types] = keys_[k];
    ++count;
    types |= uint32_t{1} << static_cast<unsigned>(propTypeOf(v));
  }
  KeysSeen result(const Graph& g, uint64_t read, bool sampled) const {
    KeysSeen out;
    out.read = read;
    out.sampled = sampled;
    for (const auto& [k, entry] : keys_) {
      KeySeen& seen = out.keys.emplace_back();
      seen.name = g.keyName(k);
      seen.count = entry.first;
      for (unsigned t = 0; t < 32; ++t)
        if (entry.second & (uint32_t{1} << t))
          seen.types.emplace_back(propTypeName(static_cast<PropType>(t)));
      std::sort(seen.types.begin(), seen.types.end());
    }
    std::sort(out.keys.begin(), out.keys.end(),
              [](const KeySeen& a, const KeySeen& b) { return a.name < b.name; });
    return out;
  }

 private:
  std::map<KeyId, std::pair<uint64_t, uint32_t>> keys_;  // count, a bit per PropType
};

}  // namespace

KeysSeen labelKeys(const Graph& graph, LabelId label, uint64_t limit) {
  Tally tally;
  uint64_t read = 0;
  bool more = false;
  graph.forEachNodeWithLabel(label, [&](NodeId n) {
    if (read == limit) {
      more = true;
      return false;
    }
    ++read;
    graph.forEachNodeProperty(n, [&](KeyId k, const Value& v) { tally.add(k, v); });
    return true;
  });
  return tally.result(graph, read, more);
}

KeysSeen typeKeysOf(const Graph& graph, TypeId type, uint64_t limit) {
  Tally tally;
  uint64_t read = 0;
  bool more = false;
  graph.forEachNode([&](NodeId n) {
    graph.forEachAdjacent(n, Direction::Out, type, [&](RelId r, NodeId) {
      if (read == limit) {
        more = true;
        return false;
      }
      ++read;
      graph.forEachRelProperty(r, [&](KeyId k, const Value& v) { tally.add(k, v); });
      return true;
    });
    return !more;
  });
  return tally.result(graph, read, more);
}

std::vector<KeysSeen> typeKeys(const Graph& graph, uint64_t limit) {
  const size_t types = graph.typeCount();
  std::vector<Tally> tallies(types);
  std::vector<uint64_t> read(types, 0);
  std::vector<bool> more(types, false);
  size_t full = 0;  // types read up to the limit
  graph.forEachRel([&](RelId r) {
    const TypeId t = graph.relType(r);
    if (read[t] == limit) {
      more[t] = true;
      return true;
    }
    ++read[t];
    graph.forEachRelProperty(r, [&](KeyId k, const Value& v) { tallies[t].add(k, v); });
    return !(read[t] == limit && ++full == types);  // every type read up to the limit
  });
  std::vector<KeysSeen> out;
  out.reserve(types);
  for (size_t t = 0; t < types; ++t) {
    const bool sampled =
        more[t] || (read[t] == limit && graph.typeCardinality(static_cast<TypeId>(t)) > limit);
    out.push_back(tallies[t].result(graph, read[t], sampled));
  }
  return out;
}

std::string keysText(const KeysSeen& keys) {
  std::string out;
  for (const KeySeen& k : keys.keys) {
    if (!out.empty()) out += ", ";
    out += k.name + " ";
    for (size_t i = 0; i < k.types.size(); ++i) out += (i ? "|" : "") + k.types[i];
    out += " (" + std::to_string(k.count) + ")";
  }
  return out;
}

}  // namespace silkgraph::shell
