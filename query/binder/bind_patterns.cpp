// Binds patterns (of MATCH, CREATE, MERGE and pattern expressions): node and relationship
// variables to slots, their kinds checked, properties bound, and what may be created.
#include <algorithm>

#include "query/binder/binder_impl.h"

namespace silkgraph::binding {

namespace {

const char* kindName(VarKind k) {
  switch (k) {
    case VarKind::Node:
      return "a node";
    case VarKind::Rel:
      return "a relationship";
    case VarKind::RelList:
      return "a list of relationships";
    case VarKind::Path:
      return "a path";
    case VarKind::Scalar:
      return "a value that is not a graph element";
    case VarKind::Any:
      return "a value";
  }
  return "a value";
}

}  // namespace

BoundPattern Binder::bindPattern(const ast::Pattern& p, PatternUse use) {
  BoundPattern out;
  for (const auto& part : p.parts) out.parts.push_back(bindPart(part, use));
  return out;
}

std::vector<std::pair<std::string, BoundExprPtr>> Binder::bindProps(const ast::ExprPtr& props) {
  std::vector<std::pair<std::string, BoundExprPtr>> out;
  if (!props) return out;
  if (props->kind == ExprKind::MapLiteral) {
    for (size_t i = 0; i < props->keys.size(); ++i)
      out.emplace_back(props->keys[i], bindExpr(*props->children[i], nullptr));
  } else {
    // A parameter map: expand its entries into literals.
    auto b = bindExpr(*props, nullptr);
    if (b->kind != BExprKind::Literal || b->value.type() != Value::Type::Map)
      semantic(props->pos, "pattern properties must be a map", "InvalidArgumentType");
    for (const auto& [k, v] : b->value.asMap()) {
      auto lit = std::make_unique<BoundExpr>(BExprKind::Literal, props->pos);
      lit->value = v;
      out.emplace_back(k, std::move(lit));
    }
  }
  return out;
}

BoundPatternPart Binder::bindPart(const ast::PatternPart& part, PatternUse use) {
  BoundPatternPart out;
  out.kind = part.kind;
  out.pos = part.pos;
  bool creating = use == PatternUse::Create || use == PatternUse::Merge;
  if (creating && part.kind != ast::PatternPart::Kind::Normal)
    semantic(part.pos, "shortestPath cannot be used to create", "InvalidClauseComposition");
  if (part.kind != ast::PatternPart::Kind::Normal) {
    if (part.rels.size() != 1)
      semantic(part.pos, "shortestPath needs a pattern with exactly one relationship",
               "InvalidShortestPath");
  }
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    const auto& np = part.nodes[i];
    BoundNodePattern bn;
    bn.pos = np.pos;
    bn.labels = np.labels;
    if (!np.var.empty()) {
      if (const Var* v = lookup(np.var)) {
        if (v->kind != VarKind::Node && v->kind != VarKind::Any)
          semantic(np.pos, "variable '" + np.var + "' is " + kindName(v->kind) + ", not a node",
                   "VariableTypeConflict");
        bool declaredHere =
            std::any_of(out.nodes.begin(), out.nodes.end(),
                        [&](const BoundNodePattern& n) { return n.slot == v->slot; });
        if (creating && (!np.labels.empty() || np.properties) &&
            (!declaredHere || use == PatternUse::Merge))
          semantic(np.pos, "variable '" + np.var + "' is already declared", "VariableAlreadyBound");
        if (creating && part.nodes.size() == 1)
          semantic(np.pos, "variable '" + np.var + "' is already declared", "VariableAlreadyBound");
        bn.slot = v->slot;
        bn.alreadyBound = true;
      } else {
        bn.slot = declare(np.var, VarKind::Node);
      }
    } else {
      bn.slot = declare("", VarKind::Node);
    }
    bn.properties = bindProps(np.properties);
    out.nodes.push_back(std::move(bn));
    if (i < part.rels.size()) {
      const auto& rp = part.rels[i];
      BoundRelPattern br;
      br.pos = rp.pos;
      br.types = rp.types;
      br.direction = rp.direction;
      // Only symmetric types: either direction is the same fact, so a directed read matches
      // both (a write keeps the direction written; notices warn where MERGE misses one).
      if (!creating && !rp.types.empty() && schema_ &&
          std::all_of(rp.types.begin(), rp.types.end(), [&](const std::string& t) {
            const RelTypeDef* def = schema_->findRelType(t);
            return def && def->symmetric;
          }))
        br.direction = ast::RelDirection::Both;
      br.varLength = rp.varLength;
      br.minHops = rp.varLength ? rp.minHops : 1;
      br.maxHops = rp.varLength ? rp.maxHops : 1;
      if (creating) {
        if (rp.types.size() != 1)
          semantic(rp.pos, "a relationship to create needs exactly one type",
                   rp.types.empty() ? "NoSingleRelationshipType" : "NoSingleRelationshipType");
        if (rp.direction == ast::RelDirection::Both && use == PatternUse::Create)
          semantic(rp.pos, "only directed relationships can be created",
                   "RequiresDirectedRelationship");
        if (rp.varLength)
          semantic(rp.pos, "variable length relationships cannot be created", "CreatingVarLength");
      }
      VarKind kind = rp.varLength ? VarKind::RelList : VarKind::Rel;
      if (!rp.var.empty()) {
        if (const Var* v = lookup(rp.var)) {
          if (creating)
            semantic(rp.pos, "variable '" + rp.var + "' is already declared",
                     "VariableAlreadyBound");
          if (v->kind != kind && v->kind != VarKind::Any)
            semantic(
                rp.pos,
                "variable '" + rp.var + "' is " + kindName(v->kind) + ", not " + kindName(kind),
                "VariableTypeConflict");
          if (rp.varLength) {
            // A bound list of relationships: match any path, then keep the one equal to it.
            br.slot = declare("", kind);
            auto fresh = std::make_unique<BoundExpr>(BExprKind::Slot, rp.pos);
            fresh->slot = br.slot;
            auto old = std::make_unique<BoundExpr>(BExprKind::Slot, rp.pos);
            old->slot = v->slot;
            auto eq = std::make_unique<BoundExpr>(BExprKind::Binary, rp.pos);
            eq->op = ast::Op::Eq;
            eq->children.push_back(std::move(fresh));
            eq->children.push_back(std::move(old));
            extraConjuncts_.push_back(std::move(eq));
            br.properties = bindProps(rp.properties);
            out.rels.push_back(std::move(br));
            continue;
          }
          bool sameClause = false;
          for (const auto& r : out.rels) sameClause |= r.slot == v->slot;
          if (sameClause)
            semantic(rp.pos, "relationship variable '" + rp.var + "' is used twice in one pattern",
                     "RelationshipUniquenessViolation");
          br.slot = v->slot;
          br.alreadyBound = true;
        } else {
          br.slot = declare(rp.var, kind);
        }
      } else {
        br.slot = declare("", kind);
      }
      br.properties = bindProps(rp.properties);
      if (rp.varLength && !br.properties.empty() && creating)
        semantic(rp.pos, "variable length relationships cannot be created", "CreatingVarLength");
      out.rels.push_back(std::move(br));
    }
  }
  if (!part.pathVar.empty()) {
    if (lookup(part.pathVar))
      semantic(part.pos, "variable '" + part.pathVar + "' is already declared",
               "VariableAlreadyBound");
    out.pathSlot = declare(part.pathVar, VarKind::Path);
  }
  return out;
}

}  // namespace silkgraph::binding
