// RelChunkParser (loaders/csv_rel_chunk.h): a chunk's rows read and checked in the order and
// with the messages of CsvFile::stageRows and Stage's relationship calls.
#include "loaders/csv_rel_chunk.h"

#include "loaders/csv_cell.h"

namespace silkgraph::load {

RelChunk::Prop::Prop(uint32_t c, const Cell& v)
    : bits((c & (kMaxColumns - 1)) | (static_cast<uint32_t>(v.kind) & 0xf) << 24 |
           (static_cast<uint32_t>(v.elem) & 0xf) << 28),
      len(0) {
  static_assert(sizeof(Prop) == 16);
  static_assert(static_cast<uint32_t>(Cell::Kind::Boxed) < 16, "a kind fits 4 bits");
  static_assert(static_cast<uint32_t>(ElemKind::Duration) < 16, "an element kind fits 4 bits");
  switch (v.kind) {
    case Cell::Kind::String:
    case Cell::Kind::RawList:
      text = v.text.data();
      len = static_cast<uint32_t>(v.text.size());
      break;
    case Cell::Kind::Float:
      f = v.f;
      break;
    default:
      i = v.i;
  }
}

RelChunk::Prop RelChunk::Prop::string(uint32_t column, uint32_t index) {
  static_assert(static_cast<uint32_t>(Cell::Kind::Null) == 0);
  Prop p(column, Cell{});
  p.bits |= static_cast<uint32_t>(Cell::Kind::String) << 24;
  p.i = index;
  return p;
}

void RelChunk::Prop::toCell(Cell& c, char delimiter) const {
  c.kind = kind();
  c.elem = static_cast<ElemKind>(bits >> 28);
  c.delimiter = delimiter;
  switch (c.kind) {
    case Cell::Kind::String:
    case Cell::Kind::RawList:
      c.text = {text, len};
      break;
    case Cell::Kind::Float:
      c.f = f;
      break;
    default:
      c.i = i;
  }
}

void RelChunk::reset(uint64_t b, uint64_t l, bool cr) {
  begin = b;
  limit = l;
  afterCR = cr;
  end = b;
  endCR = cr;
  lines = 0;
  cut = false;
  error = nullptr;
  rels.clear();
  props.clear();
  types.clear();
  strings.clear();
  stringLists = false;
  text.clear();
  boxed.clear();
}

RelChunkParser::RelChunkParser(const Stage& stage, const CsvHeader& header, uint32_t file)
    : stage_(stage),
      graph_(stage.graph()),
      header_(header),
      fileName_(stage.fileName(file)),
      delimiter_(stage.arrayDelimiter()),
      reader_(fileName_, fileName_) {
  first_.resize(header.columns.size());
  for (size_t i = 0; i < header.columns.size(); ++i) {
    first_[i] = static_cast<uint32_t>(i);
    for (size_t j = 0; j < i; ++j)
      if (header.columns[j].role == Column::Role::Prop &&
          header.columns[j].name == header.columns[i].name) {
        first_[i] = static_cast<uint32_t>(j);
        break;
      }
  }
}

void RelChunkParser::fail(SourcePos pos, const std::string& message) const {
  Error e(ErrorKind::LoadError, message, pos);
  e.setFile(fileName_);
  throw e;
}

uint32_t RelChunkParser::box(Value v) {
  chunk_->boxed.push_back(std::move(v));
  return static_cast<uint32_t>(chunk_->boxed.size() - 1);
}

void RelChunkParser::parse(RelChunk& c, uint64_t hardLimit) {
  chunk_ = &c;
  chunkStrings_ = StringIndex();
  for (TypeInfo& t : types_) t.inChunk = UINT32_MAX;
  try {
    reader_.restart(c.begin, c.limit, hardLimit, c.afterCR);
    while (reader_.next()) row(c);
    c.end = reader_.offset();
    c.endCR = reader_.pendingCR();
    c.lines = reader_.line() - 1;
  } catch (...) {
    c.error = std::current_exception();
  }
  c.cut = reader_.cut();
  chunk_ = nullptr;
}

uint32_t RelChunkParser::type(RelChunk& c, std::string_view name, SourcePos pos) {
  uint32_t t = lastType_;
  if (t == UINT32_MAX || types_[t].name != name) {
    if (name.empty()) fail(pos, "empty relationship type");
    const Schema& schema = stage_.schema;
    if (!schema.empty() && !schema.findRelType(name))
      fail(pos, rules::undeclaredRelType(name, schema));
    auto it = typeIndex_.find(std::string(name));
    if (it != typeIndex_.end()) {
      t = it->second;
    } else {
      t = static_cast<uint32_t>(types_.size());
      TypeInfo& ti = types_.emplace_back();
      ti.name = name;
      ti.def = schema.findRelType(name);
      ti.specs.resize(header_.columns.size());
      ti.specKnown.assign(header_.columns.size(), 0);
      if (ti.def) {
        for (const std::string& l : ti.def->from)
          if (LabelId id = graph_.labelId(l); id != kNoLabel) ti.from.push_back(id);
        for (const std::string& l : ti.def->to)
          if (LabelId id = graph_.labelId(l); id != kNoLabel) ti.to.push_back(id);
        for (const PropertyDef& p : ti.def->properties) {
          if (!p.required) continue;
          uint32_t column = UINT32_MAX;
          for (size_t i = 0; i < header_.columns.size() && column == UINT32_MAX; ++i)
            if (header_.columns[i].role == Column::Role::Prop && header_.columns[i].name == p.name)
              column = first_[i];
          ti.required.push_back(column);
        }
      }
      typeIndex_.emplace(ti.name, t);
    }
    lastType_ = t;
  }
  TypeInfo& ti = types_[t];
  if (ti.inChunk == UINT32_MAX) {
    ti.inChunk = static_cast<uint32_t>(c.types.size());
    c.types.push_back({ti.name, static_cast<uint32_t>(c.rels.size()), pos});
  }
  return t;
}

NodeId RelChunkParser::node(std::string_view id, SourcePos pos, const char* which) {
  if (id.empty()) fail(pos, std::string("relationship ") + which + " id is empty");
  if (uint32_t found = known_.find(id); found != StringIndex::kNone) return found;
  bool inGraph = false;
  const NodeId n = stage_.writtenNode(id, &inGraph);
  if (n == kInvalidId) {
    std::string quoted;
    quoted.reserve(id.size() + 2);
    quoted += '\'';
    quoted += id;
    quoted += '\'';
    fail(pos, std::string("relationship ") + which + " " + quoted + " is not a known node id");
  }
  // The graph's ids always (a lookup there costs more than one here), the staged ones while
  // they are few: a file whose relationships use a few thousand nodes looks each up once
  // per row here instead of twice (here, then in the stage).
  if (inGraph || known_.size() < kKnownStaged) known_.insert(ids_.store(id), n);
  return n;
}

uint32_t RelChunkParser::chunkString(RelChunk& c, std::string_view s) {
  if (uint32_t k = chunkStrings_.find(s); k != StringIndex::kNone) return k;
  // The arena keeps an empty text as a null view, which the index would take for a free slot
  // (every empty cell a new entry): it is the literal "" instead.
  const std::string_view kept = s.empty() ? std::string_view("") : c.text.store(s);
  const auto k = static_cast<uint32_t>(c.strings.size());
  c.strings.push_back(kept);
  chunkStrings_.insert(kept, k);
  return k;
}

const PropSpec& RelChunkParser::resolveSpec(TypeInfo& t, size_t column, SourcePos pos) {
  const std::string& key = header_.columns[column].name;
  PropSpec s;
  if (!t.def) {
    const PropertyDef* p = rules::findCommon(key);
    s = {p ? p->type : PropType::Any, {}};
  } else if (const PropertyDef* p = rules::findForType(*t.def, key)) {
    s = {p->type, t.def->findProperty(key) ? std::string_view(t.def->name) : std::string_view()};
  } else {
    fail(pos, rules::undeclaredProperty(key, {}, *t.def));
  }
  t.specs[column] = s;
  t.specKnown[column] = 1;
  return t.specs[column];
}

void RelChunkParser::row(RelChunk& c) {
  const silkgraph::CsvReader& r = reader_;
  const CsvHeader& h = header_;
  r.checkUtf8();
  const SourcePos rowPos = r.rowPos();
  const size_t width = h.columns.size();
  if (r.size() != width)
    fail(rowPos, "row has " + std::to_string(r.size()) + " fields but the header has " +
                     std::to_string(width));
  const uint32_t t = type(c, r.text(h.typeCol), r.pos(h.typeCol));
  const NodeId src = node(r.text(h.startCol), r.pos(h.startCol), "start");
  const NodeId dst = node(r.text(h.endCol), r.pos(h.endCol), "end");
  TypeInfo& ti = types_[t];
  const uint32_t propBegin = static_cast<uint32_t>(c.props.size());
  rowColumns_.clear();
  for (size_t i = 0; i < width; ++i) {
    const Column& col = h.columns[i];
    if (col.role != Column::Role::Prop) continue;
    if (!r.quoted(i) && r.text(i).empty()) continue;  // empty unquoted cell: absent
    const SourcePos pos = r.pos(i);
    const PropSpec& s = spec(ti, i, pos);
    // Texts not kept by csvCell: a string is kept once per chunk (chunkString), a list here.
    Cell cell = csvCell(*this, r, col, i, s, false);
    if (cell.kind == Cell::Kind::Null) continue;  // null means absent
    for (uint32_t seen : rowColumns_)
      if (seen == first_[i]) fail(pos, "property '" + col.name + "' is given twice");
    rowColumns_.push_back(first_[i]);
    if (cell.kind == Cell::Kind::String) {
      c.props.push_back(RelChunk::Prop::string(first_[i], chunkString(c, cell.text)));
      continue;
    }
    if (cell.kind == Cell::Kind::RawList) {
      cell.text = c.text.store(cell.text);
      c.stringLists |= cell.elem == ElemKind::String;
    }
    c.props.emplace_back(first_[i], cell);
  }
  if (ti.def) {
    auto allowed = [&](bool restricted, const std::vector<LabelId>& labels, NodeId n) {
      return rules::endpointAllowed(restricted, labels,
                                    [&](LabelId l) { return graph_.hasLabel(n, l); });
    };
    if (!allowed(!ti.def->from.empty(), ti.from, src)) failEndpoint(ti, true, src);
    if (!allowed(!ti.def->to.empty(), ti.to, dst)) failEndpoint(ti, false, dst);
    size_t k = 0;
    for (const PropertyDef& p : ti.def->properties) {
      if (!p.required) continue;
      const uint32_t column = ti.required[k++];
      bool present = false;
      for (uint32_t seen : rowColumns_) present |= seen == column;
      if (!present) fail(rowPos, rules::missingRequired(*ti.def, p.name));
    }
  }
  c.rels.push_back(
      {src, dst, ti.inChunk, propBegin, static_cast<uint32_t>(c.props.size() - propBegin)});
}

void RelChunkParser::failEndpoint(const TypeInfo& t, bool start, NodeId n) const {
  const size_t column = start ? header_.startCol : header_.endCol;
  std::string who = "node '";
  who += reader_.text(column);
  who += '\'';
  std::string labels;
  for (LabelId l : graph_.nodeLabels(n)) {
    if (!labels.empty()) labels += ", ";
    labels += graph_.labelName(l);
  }
  fail(reader_.pos(column), rules::endpointNotAllowed(*t.def, start, who, labels));
}

}  // namespace silkgraph::load
