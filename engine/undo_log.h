// UndoEntry: one change to an entity that existed at begin(), recorded so that
// Graph::rollback() (undo_log.cpp) can restore it.
#pragma once

#include <cstdint>

#include "engine/value.h"

namespace silkgraph {

struct UndoEntry {
  enum class Kind : uint8_t {
    DeleteNode,
    AddLabel,
    RemoveLabel,
    DeleteRel,
    SetNodeProp,
    SetRelProp,
    CreateIndex
  };
  Kind kind;
  uint32_t id;   // node, relationship or label
  uint32_t aux;  // label, key, previous indexed key
  Value old;     // previous property value (Null: absent)
};

}  // namespace silkgraph
