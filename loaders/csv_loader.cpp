// CSV loader: streams the rows of a Neo4j bulk-import CSV file (csv_reader.h reads the bytes,
// csv_header.h says what the columns are) into the Stage, converting each cell to the type
// its column or the schema gives it (csv_cell.h). Cells stay views into the reader's buffer
// until staged. With several threads, a large relationship file goes to csv_parallel.h.
#include "loaders/csv_loader.h"

#include <filesystem>
#include <optional>
#include <vector>

#include "loaders/csv_cell.h"
#include "loaders/csv_header.h"
#include "loaders/csv_parallel.h"
#include "loaders/csv_reader.h"

namespace silkgraph::load {

// The file's header (its columns) and its reader.
struct CsvFile::Impl : CsvHeader {
  uint32_t file = 0;
  uint64_t fileBytes = 0;
  std::unique_ptr<CsvReader> reader;
};

CsvFile::CsvFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CsvFile::~CsvFile() = default;
bool CsvFile::holdsNodes() const {
  return impl_->nodes;
}

std::unique_ptr<CsvFile> CsvFile::open(const std::string& path, Stage& stage, uint32_t file) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  impl->reader = std::make_unique<CsvReader>(path, stage, file);
  std::error_code ec;
  impl->fileBytes = std::filesystem::file_size(path, ec);  // a hint only: 0 when unknown
  impl->parse(*impl->reader);
  return std::unique_ptr<CsvFile>(new CsvFile(std::move(impl)));
}

void CsvFile::stageRows(Stage& st) {
  Impl& f = *impl_;
  CsvReader& r = *f.reader;
  const size_t width = f.columns.size();
  if (!f.nodes && st.threads() >= 2) {
    // A large relationship file: parsed by every thread, chunk by chunk (csv_parallel.h).
    const RelFileRange range{f.file, r.offset(), r.pendingCR(), r.line(), f.fileBytes};
    if (worthParallel(range, width, st.chunkBytes()))
      return stageRelsInParallel(st, f, range, st.threads(), st.chunkBytes());
  }
  // Per property column: its spec and key index for the relationship type it was resolved
  // for, so that a file of one type looks the schema up once per column, not per cell.
  struct Resolved {
    uint32_t type = UINT32_MAX;
    uint32_t key = 0;
    PropSpec spec;
  };
  std::vector<Resolved> resolved(width);
  // After the first rows of a large relationship file, its size tells about how many rows
  // follow: the graph's arrays grow once to that (plus a little), instead of doubling.
  constexpr uint64_t kSampleRows = 4096;
  uint64_t rows = 0, sampleStart = r.offset();
  while (r.next()) {
    if ((++rows & 0xFFFF) == 0) st.progressAt(r.offset());  // per 64 Ki rows, not per row
    r.checkUtf8();
    SourcePos rowPos = r.rowPos();
    if (r.size() != width)
      r.fail(rowPos, "row has " + std::to_string(r.size()) + " fields but the header has " +
                         std::to_string(width));
    if (f.nodes) {
      st.beginNode(f.file, rowPos);
      st.nodeId(r.text(f.idCol), f.columns[f.idCol].name, r.pos(f.idCol));
      if (f.labelCol != SIZE_MAX) {
        std::string_view rest = r.text(f.labelCol);
        while (!rest.empty()) {
          size_t cut = rest.find(st.arrayDelimiter());
          if (cut != 0) st.nodeLabel(rest.substr(0, cut), r.pos(f.labelCol));
          if (cut == std::string_view::npos) break;
          rest.remove_prefix(cut + 1);
        }
      }
      for (size_t i = 0; i < width; ++i) {
        const Column& col = f.columns[i];
        if (col.role != Column::Role::Prop) continue;
        if (!r.quoted(i) && r.text(i).empty()) continue;  // empty unquoted cell: absent
        SourcePos pos = r.pos(i);
        PropSpec spec = st.nodePropSpec(col.name, pos);
        st.nodeProp(col.name, csvCell(st, r, col, i, spec, true), pos);
      }
      st.endNode();
      continue;
    }
    st.beginRel(f.file, rowPos);
    st.relType(r.text(f.typeCol), r.pos(f.typeCol));
    st.relStart(r.text(f.startCol), r.pos(f.startCol));
    st.relEnd(r.text(f.endCol), r.pos(f.endCol));
    const uint32_t type = st.currentRelType();
    for (size_t i = 0; i < width; ++i) {
      const Column& col = f.columns[i];
      if (col.role != Column::Role::Prop) continue;
      if (!r.quoted(i) && r.text(i).empty()) continue;  // empty unquoted cell: absent
      SourcePos pos = r.pos(i);
      Resolved& res = resolved[i];
      if (res.type != type) {
        res.spec = st.relPropSpec(col.name, pos);
        res.key = st.keyIndex(col.name);
        res.type = type;
      }
      // The relationship is written at endRel, while the row is still in the buffer.
      st.relPropByIndex(res.key, csvCell(st, r, col, i, res.spec, false), pos);
    }
    if (rows == kSampleRows && f.fileBytes > r.offset()) {
      double perRow = static_cast<double>(r.offset() - sampleStart) / kSampleRows;
      st.expectRels(
          static_cast<size_t>(static_cast<double>(f.fileBytes - r.offset()) / perRow * 1.02));
    }
    st.endRel();
  }
}

}  // namespace silkgraph::load
